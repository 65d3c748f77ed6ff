#include "revisiondetails.h"

#include "editor/sqleditor.h"
#include "report/alembictext.h"
#include "util/textfile.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

namespace Retort {

RevisionDetails::RevisionDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_metadata(new QLabel(this))
    , m_edit(new QToolButton(this))
    , m_open(new QToolButton(this))
    , m_changes(new QToolButton(this))
    , m_editor(new SqlEditor(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->setContentsMargins(8, 6, 6, 0);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_edit->setText(tr("Edit"));
    m_edit->setToolTip(tr("Edit this revision's file in the editor (Ctrl+E)"));
    m_open->setText(tr("Open File"));
    m_open->setToolTip(tr("Open the file with the desktop's application for it"));
    m_changes->setText(tr("Schema Changes…"));
    m_changes->setToolTip(tr("What this revision alone changes in the schema, replayed in a shadow database"));
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_changes);
    titleRow->addWidget(m_edit);
    titleRow->addWidget(m_open);
    layout->addLayout(titleRow);

    m_metadata->setTextFormat(Qt::RichText);
    m_metadata->setWordWrap(true);
    m_metadata->setContentsMargins(8, 2, 8, 6);
    m_metadata->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_metadata->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_metadata);
    layout->addWidget(m_editor, 1);

    connect(m_metadata, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("revision:")))
            emit revisionLinkActivated(link.mid(9));
    });
    connect(m_edit, &QToolButton::clicked, this, [this] { emit editRequested(m_revisionId); });
    connect(m_open, &QToolButton::clicked, this, [this] { emit openFileRequested(m_revisionId); });
    connect(m_changes, &QToolButton::clicked, this, [this] { emit changesRequested(m_revisionId); });
    showRevision(nullptr, -1, {});
}

QString RevisionDetails::metadataText() const
{
    return m_plainText.join(QLatin1Char('\n'));
}

void RevisionDetails::showRevision(const RevisionGraphModel *model, int index, const QString &language)
{
    const bool valid = model && index >= 0 && index < model->graph().size();
    m_edit->setEnabled(valid);
    m_open->setEnabled(valid);
    m_changes->setEnabled(valid);
    if (!valid) {
        m_revisionId.clear();
        m_title->setText(tr("No revision selected"));
        m_metadata->clear();
        m_plainText.clear();
        m_editor->setText({});
        return;
    }
    const RevisionGraph &graph = model->graph();
    const Revision &revision = graph.revision(index);
    m_revisionId = revision.id;
    m_title->setText(AlembicText(graph).doc(index));

    const auto links = [&graph](const QList<int> &indexes) {
        QStringList result;
        for (int i : indexes) {
            const QString id = graph.revision(i).id.toHtmlEscaped();
            result.append(QStringLiteral("<a href=\"revision:%1\">%1</a>").arg(id));
        }
        return result.join(QLatin1String(", "));
    };
    m_plainText = { m_title->text() };
    const auto row = [this](const QString &name, const QString &value) {
        m_plainText.append(name + QLatin1Char('\t') + QTextDocumentFragment::fromHtml(value).toPlainText());
        return QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(name, value);
    };
    QString rows;
    rows += row(tr("Revision"), QStringLiteral("<code>%1</code>").arg(revision.id.toHtmlEscaped()));
    rows += row(tr("Parents"), graph.isBase(index) ? tr("none (a base)") : links(graph.parents(index)));
    rows += row(tr("Children"), graph.isHead(index) ? tr("none (a head)") : links(graph.children(index)));
    if (!graph.dependencies(index).isEmpty())
        rows += row(tr("Depends on"), links(graph.dependencies(index)));
    if (!graph.dependents(index).isEmpty())
        rows += row(tr("Needed by"), links(graph.dependents(index)));
    if (!revision.branchLabels.isEmpty())
        rows += row(tr("Branch labels"), revision.branchLabels.join(QLatin1String(", ")).toHtmlEscaped());
    if (revision.createDate.isValid())
        rows += row(tr("Created"), QLocale().toString(revision.createDate.toLocalTime(), QLocale::LongFormat));
    rows += row(tr("Transaction"),
        revision.transactional ? tr("runs in a transaction")
                               : tr("<b>runs outside a transaction</b>: a failure can leave it half applied"));
    const QString file = QDir(model->project().directory).relativeFilePath(revision.filePath);
    rows += row(tr("File"), file.toHtmlEscaped());
    switch (model->state(index)) {
    case RevisionState::Unknown:
        break;
    case RevisionState::Pending:
        rows += row(tr("Database"), tr("pending"));
        break;
    case RevisionState::Applied:
        rows += row(tr("Database"), tr("applied"));
        break;
    case RevisionState::Current:
        rows += row(tr("Database"), tr("applied, current revision"));
        break;
    }
    m_metadata->setText(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows));

    Result<QString> text = readUtf8File(revision.filePath);
    m_editor->setLanguage(language);
    m_editor->setText(text ? *text : tr("-- cannot read %1: %2").arg(file, text.error().message));
}

} // namespace Retort
