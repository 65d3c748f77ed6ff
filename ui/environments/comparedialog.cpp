#include "comparedialog.h"

#include "branches/errorlabel.h"
#include "environmentset.h"
#include "fleet/promotion.h"
#include "report/alembictext.h"
#include "review/diffview.h"
#include "schema/canonicalddl.h"
#include "schema/schemadiff.h"
#include "settings/dialoggeometry.h"
#include "shadow/schemasnapshot.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>

namespace Retort {

namespace {

struct SchemaPair {
    QString error;
    QString fromText;
    QString toText;
    QList<SchemaChange> changes; // what turns `to` into `from`
};

SchemaPair readPair(const ConnectionSettings &from, const ConnectionSettings &to, const ProjectSettings &names)
{
    SchemaPair pair;
    Result<SchemaModel> fromModel = readSchemaModel(from, names);
    if (!fromModel) {
        pair.error = fromModel.error().toString();
        return pair;
    }
    Result<SchemaModel> toModel = readSchemaModel(to, names);
    if (!toModel) {
        pair.error = toModel.error().toString();
        return pair;
    }
    pair.fromText = CanonicalDdl::write(*fromModel);
    pair.toText = CanonicalDdl::write(*toModel);
    pair.changes = SchemaDiff::compare(*toModel, *fromModel);
    return pair;
}

} // namespace

CompareDialog::CompareDialog(const Project &project, EnvironmentSet *environments, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_environments(environments)
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_revisionView(new QTreeView(this))
    , m_revisions(new QStandardItemModel(this))
    , m_schemaSummary(new QLabel(this))
    , m_schemaDiff(new DiffView(this))
    , m_error(new ErrorLabel(this))
    , m_promotion(new QLabel(this))
    , m_promote(new QPushButton(tr("&Promote…"), this))
{
    setWindowTitle(tr("Compare Environments"));
    for (const Environment &environment : environments->environments()) {
        m_from->addItem(environment.name());
        m_to->addItem(environment.name());
    }
    m_from->setAccessibleName(tr("Environment to compare"));
    m_to->setAccessibleName(tr("Environment to compare it with"));
    if (m_to->count() > 1)
        m_to->setCurrentIndex(1);

    auto *pair = new QFormLayout;
    pair->addRow(tr("&From:"), m_from);
    pair->addRow(tr("&To:"), m_to);

    m_summary->setWordWrap(true);
    m_revisionView->setModel(m_revisions);
    m_revisionView->setAccessibleName(tr("Revisions one environment has and the other lacks"));
    m_revisionView->setUniformRowHeights(true);
    m_revisionView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *schemaPage = new QWidget(this);
    auto *schemaLayout = new QVBoxLayout(schemaPage);
    schemaLayout->addWidget(m_schemaSummary);
    schemaLayout->addWidget(m_schemaDiff, 1);
    m_schemaSummary->setWordWrap(true);
    m_schemaDiff->setMode(DiffView::SideBySide);
    m_tabs->addTab(m_revisionView, tr("&Revisions"));
    m_tabs->addTab(schemaPage, tr("&Schema"));

    m_promotion->setWordWrap(true);
    m_promotion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_promote, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pair);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_promotion);
    layout->addWidget(buttons);
    m_error->clearError();
    rememberGeometry(this, QStringLiteral("compareDialog"), QSize(980, 700));

    const auto pairChanged = [this] {
        m_promotion->clear();
        m_error->clearError();
        showRevisions();
        readSchemas();
    };
    connect(m_from, &QComboBox::currentIndexChanged, this, pairChanged);
    connect(m_to, &QComboBox::currentIndexChanged, this, pairChanged);
    connect(m_promote, &QPushButton::clicked, this, &CompareDialog::promote);
    connect(environments, &EnvironmentSet::environmentChanged, this, [this] {
        showRevisions();
        updatePromote();
    });
    connect(m_revisionView, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QString id = index.siblingAtColumn(0).data(Qt::UserRole).toString();
        if (!id.isEmpty())
            emit revisionActivated(id);
    });
    pairChanged();
}

CompareDialog::~CompareDialog() = default;

void CompareDialog::setPair(const QString &from, const QString &to)
{
    if (const int index = m_from->findText(from); index >= 0)
        m_from->setCurrentIndex(index);
    if (const int index = m_to->findText(to); index >= 0)
        m_to->setCurrentIndex(index);
}

QString CompareDialog::from() const
{
    return m_from->currentText();
}

QString CompareDialog::to() const
{
    return m_to->currentText();
}

QStringList CompareDialog::onlyIn(const QString &environment) const
{
    QStringList ids;
    for (int group = 0; group < m_revisions->rowCount(); ++group) {
        QStandardItem *item = m_revisions->item(group);
        if (item->data(Qt::UserRole + 1).toString() != environment)
            continue;
        for (int row = 0; row < item->rowCount(); ++row)
            ids.append(item->child(row)->data(Qt::UserRole).toString());
    }
    return ids;
}

QString CompareDialog::schemaSummary() const
{
    return m_schemaSummary->text();
}

QString CompareDialog::promotionText() const
{
    return m_promotion->text();
}

void CompareDialog::showRevisions()
{
    m_revisions->clear();
    m_revisions->setHorizontalHeaderLabels({ tr("Revision"), tr("Message") });
    const int a = m_environments->indexOf(from());
    const int b = m_environments->indexOf(to());
    if (a < 0 || b < 0 || a == b) {
        m_summary->setText(tr("Choose two different environments."));
        updatePromote();
        return;
    }
    const Environment &first = m_environments->at(a);
    const Environment &second = m_environments->at(b);
    if (!first.known() || !second.known()) {
        m_summary->setText(tr("Not read yet: %1").arg((first.known() ? second : first).name()));
        updatePromote();
        return;
    }
    const RevisionGraph &graph = m_project.graph;
    const AlembicText text(graph);
    QStringList counts;
    for (const auto &[has, lacks] : { std::pair(&first, &second), std::pair(&second, &first) }) {
        QList<int> only;
        for (int index : has->applied) {
            if (!lacks->applied.contains(index) && index < graph.size())
                only.append(index);
        }
        std::sort(only.begin(), only.end(), std::greater<int>());
        auto *group = new QStandardItem(
            tr("In %1, not in %2: %n revision(s)", nullptr, int(only.size())).arg(has->name(), lacks->name()));
        group->setData(has->name(), Qt::UserRole + 1);
        for (int index : std::as_const(only)) {
            auto *id = new QStandardItem(graph.revision(index).id);
            id->setData(graph.revision(index).id, Qt::UserRole);
            group->appendRow({ id, new QStandardItem(text.doc(index)) });
        }
        m_revisions->appendRow({ group, new QStandardItem });
        counts.append(
            tr("%1 has %n revision(s) that %2 lacks", nullptr, int(only.size())).arg(has->name(), lacks->name()));
    }
    m_revisionView->expandAll();
    m_revisionView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_summary->setText(counts.join(QLatin1String("; ")) + QLatin1Char('.'));
    updatePromote();
}

void CompareDialog::readSchemas()
{
    const int a = m_environments->indexOf(from());
    const int b = m_environments->indexOf(to());
    const int generation = ++m_generation;
    m_schemaDiff->clear();
    if (a < 0 || b < 0 || a == b) {
        m_schemaSummary->clear();
        return;
    }
    const ConnectionSettings fromSettings = m_environments->settings(a);
    const ConnectionSettings toSettings = m_environments->settings(b);
    if (fromSettings.dialect != toSettings.dialect) {
        m_schemaSummary->setText(tr("One is PostgreSQL and the other SQLite: their schemas are not compared."));
        return;
    }
    m_schemaSummary->setText(tr("Reading both schemas…"));
    setBusy(+1);
    QPointer<CompareDialog> self(this);
    const ProjectSettings names = m_project.settings;
    const QString fromName = from();
    const QString toName = to();
    // Off the GUI thread: reading a large schema over a slow link takes seconds.
    QThreadPool::globalInstance()->start([self, fromSettings, toSettings, names, generation, fromName, toName] {
        const SchemaPair pair = readPair(fromSettings, toSettings, names);
        if (CompareDialog *dialog = self.data()) {
            QMetaObject::invokeMethod(dialog, [self, pair, generation, fromName, toName] {
                if (!self)
                    return;
                self->setBusy(-1);
                if (generation != self->m_generation)
                    return;
                if (!pair.error.isEmpty()) {
                    self->m_schemaSummary->setText(tr("Cannot read the schemas: %1").arg(pair.error));
                    return;
                }
                self->m_schemaSummary->setText(pair.changes.isEmpty()
                        ? tr("The schemas of %1 and %2 are the same.").arg(fromName, toName)
                        : tr("%n change(s) would make %1's schema %2's.", nullptr, int(pair.changes.size()))
                              .arg(toName, fromName));
                self->m_schemaDiff->setTexts(pair.toText, pair.fromText, QStringLiteral("SQL"), toName, fromName);
            });
        }
    });
}

void CompareDialog::updatePromote()
{
    const int a = m_environments->indexOf(from());
    const int b = m_environments->indexOf(to());
    m_promote->setText(tr("&Promote %1 to %2…").arg(to(), from()));
    QString whyNot;
    if (a < 0 || b < 0 || a == b)
        whyNot = tr("Choose two different environments");
    else if (!m_environments->at(a).known() || !m_environments->at(b).known())
        whyNot = tr("Both environments must be read first");
    else if (m_environments->at(a).applied == m_environments->at(b).applied)
        whyNot = tr("%1 is where %2 is already").arg(to(), from());
    m_promote->setEnabled(whyNot.isEmpty() && m_busy == 0);
    m_promote->setToolTip(whyNot.isEmpty()
            ? tr("Bring %1 to where %2 is, with exactly the files that ran on %2: reviewed as any run")
                  .arg(to(), from())
            : whyNot);
}

void CompareDialog::promote()
{
    const int a = m_environments->indexOf(from());
    const int b = m_environments->indexOf(to());
    if (a < 0 || b < 0 || a == b)
        return;
    m_error->clearError();
    m_promotion->setText(tr("Checking that what ran on %1 is what would run on %2…").arg(from(), to()));
    setBusy(+1);
    QPointer<CompareDialog> self(this);
    const ConnectionSettings source = m_environments->settings(a);
    const ConnectionSettings target = m_environments->settings(b);
    const QString targetName = to();
    QThreadPool::globalInstance()->start([self, project = m_project, source, target, targetName] {
        Result<PromotionCheck> check = checkPromotion(project, source, target);
        if (CompareDialog *dialog = self.data()) {
            QMetaObject::invokeMethod(dialog, [self, check, targetName] {
                if (!self)
                    return;
                self->setBusy(-1);
                if (!check) {
                    self->m_promotion->clear();
                    self->m_error->showError(tr("Cannot check the promotion: %1").arg(check.error().toString()));
                    return;
                }
                if (!check->allowed()) {
                    self->m_promotion->clear();
                    self->m_error->showError(tr("Promotion refused: %1").arg(check->refusal));
                    return;
                }
                self->m_promotion->setText(tr(
                    "%1 goes to %2 with %n migration(s), each as it ran on %3.", nullptr, int(check->plan.steps.size()))
                                               .arg(targetName, check->target, self->from()));
                emit self->promoteRequested(targetName, check->target);
            });
        }
    });
}

void CompareDialog::setBusy(int delta)
{
    m_busy += delta;
    updatePromote();
    if (m_busy == 0)
        emit idle();
}

} // namespace Retort
