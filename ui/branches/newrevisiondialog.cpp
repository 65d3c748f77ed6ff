#include "newrevisiondialog.h"

#include "alembic/revisionpreview.h"
#include "autogeneratepanel.h"
#include "editor/sqleditor.h"
#include "errorlabel.h"
#include "revisionfilejob.h"
#include "settings/dialoggeometry.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

namespace {

const QString kBase = QStringLiteral("base");

QString describe(const Revision &revision)
{
    QString text = QStringLiteral("%1 — %2").arg(revision.id, revision.message);
    if (!revision.branchLabels.isEmpty())
        text += QStringLiteral(" (%1)").arg(revision.branchLabels.join(QLatin1String(", ")));
    return text;
}

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            items.append(part.trimmed());
    }
    return items;
}

} // namespace

NewRevisionDialog::NewRevisionDialog(const Project &project, const QString &parentId, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_message(new QLineEdit(this))
    , m_parent(new QComboBox(this))
    , m_contents(new QComboBox(this))
    , m_label(new QLineEdit(this))
    , m_dependsOn(new QLineEdit(this))
    , m_preview(new SqlEditor(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_job(new RevisionFileJob(this))
    , m_previewId(RevisionWriter::freshId())
{
    setWindowTitle(tr("New Revision"));
    setObjectName(QStringLiteral("newRevisionDialog"));
    const RevisionGraph &graph = project.graph;

    // Heads first: a new revision normally follows one. Then a new base,
    // then every other revision, which starts a branch (a splice).
    const QList<int> heads = graph.heads();
    for (int head : heads)
        m_parent->addItem(tr("%1 (head)").arg(describe(graph.revision(head))), graph.revision(head).id);
    m_parent->addItem(tr("No parent: a new base"), kBase);
    const QList<int> &order = graph.topologicalOrder();
    bool separated = false;
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        if (graph.isHead(*it))
            continue;
        if (!separated) {
            m_parent->insertSeparator(m_parent->count());
            separated = true;
        }
        m_parent->addItem(tr("%1 — starts a new branch").arg(describe(graph.revision(*it))), graph.revision(*it).id);
    }
    if (!parentId.isEmpty())
        setParentRevision(parentId);

    m_shadowOptions.configuredUrl = project.settings.shadowUrl;
    m_shadowOptions.configuredFrom = QStringLiteral("retort.ini");
    m_contents->addItem(project.kind == ProjectKind::Alembic ? tr("Empty: from the project's script.py.mako")
                                                             : tr("Empty: the SQL is yours to write"),
        int(Contents::Empty));
    if (project.kind == ProjectKind::Alembic)
        m_contents->addItem(tr("Autogenerate (Alembic): from the models, against a shadow database at the head"),
            int(Contents::Alembic));
    else
        m_contents->addItem(
            tr("From the schema file: the difference between the head and %1")
                .arg(project.settings.schemaFile.isEmpty() ? tr("schema_file (not set)") : project.settings.schemaFile),
            int(Contents::SchemaFile));
    connect(m_contents, &QComboBox::currentIndexChanged, this, &NewRevisionDialog::contentsChanged);

    m_message->setPlaceholderText(tr("What the revision does, e.g. Add email verification to users"));
    m_label->setPlaceholderText(tr("optional, e.g. billing"));
    m_dependsOn->setPlaceholderText(tr("optional: revision ids or branch labels, comma-separated"));
    QStringList names;
    for (const Revision &revision : graph.revisions())
        names.append(revision.id);
    names += graph.labelOwners().keys();
    names.sort();
    auto *completer = new QCompleter(names, m_dependsOn);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_dependsOn->setCompleter(completer);

    m_preview->setLanguage(
        project.kind == ProjectKind::Alembic ? QStringLiteral("Python") : QStringLiteral("SQL (PostgreSQL)"));
    m_preview->setReadOnly(true);
    m_preview->setMinimumHeight(160);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewRevisionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_job->finishDialog(this, m_buttons, m_error, &m_written);
    for (QLineEdit *field : { m_message, m_label, m_dependsOn })
        connect(field, &QLineEdit::textChanged, this, &NewRevisionDialog::updatePreview);
    connect(m_parent, &QComboBox::currentIndexChanged, this, &NewRevisionDialog::updatePreview);

    auto *form = new QFormLayout;
    form->addRow(tr("&Message:"), m_message);
    form->addRow(tr("&Follows:"), m_parent);
    form->addRow(tr("C&ontents:"), m_contents);
    form->addRow(tr("&Branch label:"), m_label);
    form->addRow(tr("&Depends on:"), m_dependsOn);
    auto *previewLabel = m_previewLabel = new QLabel(project.kind == ProjectKind::Alembic
            ? tr("The file, as the project's Alembic will write it from its script.py.mako:")
            : tr("The file, as it will be written:"),
        this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(previewLabel);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_alembicPreview.setSingleShot(true);
    m_alembicPreview.setInterval(250);
    connect(&m_alembicPreview, &QTimer::timeout, this, &NewRevisionDialog::renderAlembicPreview);
    connect(
        &m_previewWatcher, &QFutureWatcher<Result<QString>>::finished, this, &NewRevisionDialog::showAlembicPreview);
    updatePreview();
    m_message->setFocus();
    rememberGeometry(this, QStringLiteral("newRevision"), QSize(720, 520));
}

bool NewRevisionDialog::setParentRevision(const QString &id)
{
    const int index = m_parent->findData(id);
    if (index < 0)
        return false;
    m_parent->setCurrentIndex(index);
    return true;
}

void NewRevisionDialog::setShadowOptions(const ShadowOptions &options)
{
    m_shadowOptions = options;
}

bool NewRevisionDialog::setContents(Contents contents)
{
    const int index = m_contents->findData(int(contents));
    if (index < 0)
        return false;
    m_contents->setCurrentIndex(index);
    return true;
}

NewRevisionDialog::Contents NewRevisionDialog::contents() const
{
    return Contents(m_contents->currentData().toInt());
}

void NewRevisionDialog::contentsChanged()
{
    const bool generated = contents() != Contents::Empty;
    if (generated && !m_autogenerate) {
        m_autogenerate = new AutogeneratePanel(m_project, m_shadowOptions, this);
        connect(m_autogenerate, &AutogeneratePanel::finished, this, &NewRevisionDialog::autogenerateFinished);
        // Native: the changes get room; Alembic: a status and its warnings.
        static_cast<QVBoxLayout *>(layout())->insertWidget(
            1, m_autogenerate, contents() == Contents::SchemaFile ? 1 : 0);
    }
    if (m_autogenerate)
        m_autogenerate->setVisible(generated);
    // A generated revision follows a head (and never starts a branch).
    if (generated && !m_project.graph.isHead(m_project.graph.indexOf(m_parent->currentData().toString())))
        m_parent->setCurrentIndex(0);
    updatePreview();
}

void NewRevisionDialog::autogenerateFinished()
{
    if (contents() == Contents::SchemaFile) {
        updatePreview();
        emit previewShown();
        return;
    }
    m_buttons->setEnabled(true);
    const std::optional<AlembicAutogenerated> &result = m_autogenerate->alembicResult();
    if (!result || result->written.path.isEmpty()) {
        m_error->showError(m_autogenerate->status());
        emit previewShown();
        return;
    }
    m_written = result->written;
    m_preview->setText(m_written.text);
    emit previewShown();
    if (result->warnings.isEmpty()) {
        QDialog::accept();
        return;
    }
    // Warnings to read first: the file stays on screen until Open.
    m_alembicWritten = true;
    for (QWidget *field : std::initializer_list<QWidget *> { m_message, m_parent, m_label, m_dependsOn, m_contents })
        field->setEnabled(false);
    QPushButton *open = m_buttons->button(QDialogButtonBox::Ok);
    open->setText(tr("Open in &Editor"));
    open->setMinimumWidth(open->sizeHint().width());
    m_previewLabel->setText(tr("The file the project's Alembic wrote:"));
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(false);
}

NewRevision NewRevisionDialog::spec() const
{
    NewRevision spec;
    spec.message = m_message->text().trimmed();
    const QString parent = m_parent->currentData().toString();
    if (!parent.isEmpty()) {
        spec.heads = { parent };
        spec.splice = parent != kBase && !m_project.graph.isHead(m_project.graph.indexOf(parent));
    }
    spec.branchLabels = splitList(m_label->text());
    spec.dependsOn = splitList(m_dependsOn->text());
    // The file gets the id the preview shows.
    spec.id = m_previewId;
    return spec;
}

void NewRevisionDialog::updatePreview()
{
    NewRevision wanted = spec();
    wanted.id = m_previewId;
    const Result<WrittenRevision> rendered = RevisionWriter::render(m_project, wanted);
    QPushButton *create = m_buttons->button(QDialogButtonBox::Ok);
    if (!rendered) {
        m_preview->setText(QString());
        m_error->showError(rendered.error().message);
        create->setEnabled(false);
        return;
    }
    m_error->clearError();
    create->setEnabled(!wanted.message.isEmpty());
    if (contents() == Contents::SchemaFile) {
        // The migration depends on the head, not on the message: worked
        // out again only when the head changes (or a rename is settled).
        const QString head = m_parent->currentData().toString();
        if (!m_autogenerate->result() || m_autogenerate->result()->head != head) {
            if (!m_autogenerate->isRunning() || head != m_generatingFor) {
                m_generatingFor = head;
                m_autogenerate->generate(head);
            }
        }
        create->setEnabled(create->isEnabled() && m_autogenerate->isReady() && m_autogenerate->result()->head == head);
        if (m_autogenerate->result() && m_autogenerate->result()->head == head) {
            const Result<WrittenRevision> generated =
                RevisionWriter::render(m_project, m_autogenerate->applyTo(wanted));
            m_preview->setText(generated ? generated->text : rendered->text);
        } else {
            m_preview->setText(rendered->text);
        }
        return;
    }
    if (m_project.kind == ProjectKind::Native) {
        m_preview->setText(rendered->text);
        return;
    }
    // The project's own script.py.mako, rendered by its Alembic in a worker
    // thread once typing pauses; the newest request wins.
    m_alembicPreview.start();
}

void NewRevisionDialog::renderAlembicPreview()
{
    if (m_previewWatcher.isRunning()) {
        m_alembicPreview.start(); // once this one is done
        return;
    }
    const NewRevision wanted = spec();
    const Project project = m_project;
    m_previewWatcher.setFuture(
        QtConcurrent::run([project, wanted] { return previewAlembicRevision(project, AlembicPython(), wanted); }));
}

void NewRevisionDialog::showAlembicPreview()
{
    const Result<QString> text = m_previewWatcher.result();
    // Why it cannot be shown, as a Python comment in its place.
    QString why = text ? QString() : text.error().message;
    m_preview->setText(text ? *text : QStringLiteral("# ") + why.replace(QLatin1Char('\n'), QLatin1String("\n# ")));
    emit previewShown();
}

void NewRevisionDialog::accept()
{
    if (m_alembicWritten) {
        QDialog::accept();
        return;
    }
    if (m_job->isRunning() || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    m_error->clearError();
    m_buttons->setEnabled(false);
    if (contents() == Contents::Alembic) {
        m_autogenerate->generateWithAlembic(spec());
        return;
    }
    if (contents() == Contents::SchemaFile) {
        m_job->create(m_project, m_autogenerate->applyTo(spec()), false);
        return;
    }
    m_job->create(m_project, spec(), false);
}

} // namespace Retort
