#include "revisiondetails.h"

#include "editor/sqleditor.h"
#include "report/alembictext.h"
#include "util/textfile.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QScrollArea>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace Retort {

RevisionDetails::RevisionDetails(QWidget *parent)
    : QWidget(parent)
    , m_header(new QScrollArea(this))
    , m_title(new QLabel)
    , m_metadata(new QTextBrowser)
    , m_edit(new QToolButton)
    , m_open(new QToolButton)
    , m_changes(new QToolButton)
    , m_editor(new SqlEditor(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The title and metadata sit in a scroll area of their own: a label's
    // new text then lays out only the scroll area's contents. Directly in
    // this layout, every selection (each Page Down) made the whole window
    // lay itself out again, asking every page for its size hints: about a
    // third of the frame. The metadata is a text browser of a fixed height,
    // not a rich-text label: a label lays its table out again for every
    // size hint a layout asks of it, a browser once for its width.
    auto *header = new QWidget;
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    m_header->setWidget(header);
    m_header->setWidgetResizable(true);
    m_header->setFrameShape(QFrame::NoFrame);
    m_header->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_header->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
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
    headerLayout->addLayout(titleRow);

    m_metadata->setOpenLinks(false);
    m_metadata->setFrameShape(QFrame::NoFrame);
    m_metadata->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_metadata->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_metadata->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_metadata->viewport()->setAutoFillBackground(false);
    m_metadata->document()->setDocumentMargin(6);
    m_metadata->setAccessibleName(tr("Revision details"));
    headerLayout->addWidget(m_metadata);
    layout->addWidget(m_header);
    layout->addWidget(m_editor, 1);

    connect(m_metadata, &QTextBrowser::anchorClicked, this, [this](const QUrl &link) {
        if (link.scheme() == QLatin1String("revision"))
            emit revisionLinkActivated(link.path());
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
        fitHeader();
        return;
    }
    const RevisionGraph &graph = model->graph();
    const Revision &revision = graph.revision(index);
    m_revisionId = revision.id;
    m_title->setText(AlembicText(graph).doc(index));

    // Each row as HTML for the pane and as plain text for metadataText().
    m_plainText = { m_title->text() };
    QString rows;
    const auto row = [this, &rows](const QString &name, const QString &html, const QString &plain) {
        m_plainText.append(name + QLatin1Char('\t') + plain);
        rows += QStringLiteral("<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>").arg(name, html);
    };
    const auto textRow = [&row](const QString &name, const QString &text) { row(name, text.toHtmlEscaped(), text); };
    const auto linksRow = [&graph, &row](const QString &name, IndexSpan indexes) {
        QStringList html;
        QStringList plain;
        for (int i : indexes) {
            const QString &id = graph.revision(i).id;
            html.append(QStringLiteral("<a href=\"revision:%1\">%1</a>").arg(id.toHtmlEscaped()));
            plain.append(id);
        }
        row(name, html.join(QLatin1String(", ")), plain.join(QLatin1String(", ")));
    };
    row(tr("Revision"), QStringLiteral("<code>%1</code>").arg(revision.id.toHtmlEscaped()), revision.id);
    if (graph.isBase(index))
        textRow(tr("Parents"), tr("none (a base)"));
    else
        linksRow(tr("Parents"), graph.parents(index));
    if (graph.isHead(index))
        textRow(tr("Children"), tr("none (a head)"));
    else
        linksRow(tr("Children"), graph.children(index));
    if (!graph.dependencies(index).isEmpty())
        linksRow(tr("Depends on"), graph.dependencies(index));
    if (!graph.dependents(index).isEmpty())
        linksRow(tr("Needed by"), graph.dependents(index));
    if (!revision.branchLabels.isEmpty())
        textRow(tr("Branch labels"), revision.branchLabels.join(QLatin1String(", ")));
    if (revision.createDate.isValid())
        textRow(tr("Created"), QLocale().toString(revision.createDate.toLocalTime(), QLocale::LongFormat));
    if (revision.transactional) {
        textRow(tr("Transaction"), tr("runs in a transaction"));
    } else {
        row(tr("Transaction"), tr("<b>runs outside a transaction</b>: a failure can leave it half applied"),
            tr("runs outside a transaction: a failure can leave it half applied"));
    }
    const QString file = QDir(model->project().directory).relativeFilePath(revision.filePath());
    textRow(tr("File"), file);
    switch (model->state(index)) {
    case RevisionState::Unknown:
        break;
    case RevisionState::Pending:
        textRow(tr("Database"), tr("pending"));
        break;
    case RevisionState::Applied:
        textRow(tr("Database"), tr("applied"));
        break;
    case RevisionState::Current:
        textRow(tr("Database"), tr("applied, current revision"));
        break;
    }
    m_metadata->setHtml(QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">%1</table>").arg(rows));
    fitHeader();

    Result<QString> text = readUtf8File(revision.filePath());
    m_editor->setLanguage(language);
    m_editor->setText(text ? *text : tr("-- cannot read %1: %2").arg(file, text.error().message));
}

void RevisionDetails::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitHeader();
}

// The header is as tall as its text at the pane's width, up to half the
// pane (then it scrolls). The window lays out again only when a height
// changes (setFixedHeight() with the height a widget has already asks
// nothing of the layouts): most revisions' metadata has the same number of
// lines.
void RevisionDetails::fitHeader()
{
    // The metadata's own height first: its document laid out at its width.
    QTextDocument *document = m_metadata->document();
    const int metadataWidth = m_metadata->viewport()->width();
    if (document->textWidth() != metadataWidth)
        document->setTextWidth(metadataWidth);
    m_metadata->setFixedHeight(int(std::ceil(document->size().height())));

    QWidget *header = m_header->widget();
    const int wanted = header->heightForWidth(m_header->viewport()->width());
    m_header->setFixedHeight(std::max(0, std::min(wanted < 0 ? header->sizeHint().height() : wanted, height() / 2)));
}

} // namespace Retort
