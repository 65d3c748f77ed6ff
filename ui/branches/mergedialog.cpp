#include "mergedialog.h"

#include "errorlabel.h"
#include "graph/graphcolors.h"
#include "revisionfilejob.h"
#include "settings/dialoggeometry.h"
#include "sql/revisionanalysis.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace Retort {

namespace {

enum Column { RevisionColumn, MessageColumn, TouchesColumn };

// "users (email, name), organizations": tables in first-touched order,
// the columns named where the SQL names them.
QString touchSummary(const QList<SqlTouch> &touches)
{
    QStringList tables;
    QHash<QString, QStringList> columns;
    for (const SqlTouch &touch : touches) {
        const QString table = unqualifiedTableName(touch.table);
        if (!tables.contains(table))
            tables.append(table);
        if (!touch.column.isEmpty() && !columns[table].contains(touch.column))
            columns[table].append(touch.column);
    }
    QStringList parts;
    for (const QString &table : std::as_const(tables)) {
        const QStringList named = columns.value(table);
        parts.append(named.isEmpty() ? table : QStringLiteral("%1 (%2)").arg(table, named.join(QLatin1String(", "))));
    }
    return parts.join(QLatin1String(", "));
}

QString headName(const RevisionGraph &graph, int index)
{
    const Revision &revision = graph.revision(index);
    return revision.branchLabels.isEmpty()
        ? revision.id
        : QStringLiteral("%1 (%2)").arg(revision.id, revision.branchLabels.join(QLatin1String(", ")));
}

} // namespace

MergeDialog::MergeDialog(const Project &project, const QList<int> &heads, Dialect dialect, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_analysis(analyzeMerge(project.graph, heads, dialect))
    , m_intro(new QLabel(this))
    , m_branches(new QTreeWidget(this))
    , m_overlaps(new QLabel(this))
    , m_message(new QLineEdit(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_job(new RevisionFileJob(this))
{
    setWindowTitle(tr("Merge Heads"));
    setObjectName(QStringLiteral("mergeDialog"));
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::RichText);
    m_overlaps->setWordWrap(true);
    m_overlaps->setTextFormat(Qt::RichText);

    m_branches->setColumnCount(3);
    m_branches->setHeaderLabels({ tr("Revision"), tr("Message"), tr("Tables and columns it touches") });
    m_branches->setRootIsDecorated(true);
    m_branches->setUniformRowHeights(true);
    m_branches->header()->setStretchLastSection(true);
    connect(m_branches, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { emit revisionActivated(item->data(RevisionColumn, Qt::UserRole).toString()); });

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write Merge Revision"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MergeDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_job->finishDialog(this, m_buttons, m_error, &m_written);

    auto *form = new QFormLayout;
    form->addRow(tr("&Message:"), m_message);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_branches, 1);
    layout->addWidget(m_overlaps);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    fill(dialect);
    rememberGeometry(this, QStringLiteral("merge"), QSize(760, 480));
}

void MergeDialog::fill(const Dialect dialect)
{
    const RevisionGraph &graph = m_project.graph;
    if (!m_analysis) {
        m_intro->setText(tr("These revisions cannot be merged."));
        m_branches->hide();
        m_overlaps->hide();
        m_message->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        m_error->showError(m_analysis.error().toString());
        return;
    }
    const MergeAnalysis &analysis = *m_analysis;
    QStringList names;
    for (int head : analysis.heads)
        names.append(QStringLiteral("<b>%1</b>").arg(headName(graph, head).toHtmlEscaped()));
    QStringList bases;
    for (int index : analysis.commonAncestors)
        bases.append(QStringLiteral("<code>%1</code>").arg(graph.revision(index).id));
    m_intro->setText(
        tr("<p>Merging %1 writes a revision whose <code>down_revision</code> lists them all; it runs no SQL of its "
           "own.</p>")
            .arg(names.join(QLatin1String(", "))) +
        (bases.isEmpty() ? tr("<p>They share no ancestor: they grew from different bases.</p>")
                         : tr("<p>What each branch brings since %1:</p>").arg(bases.join(QLatin1String(", ")))));

    QSet<int> overlapping;
    for (const MergeAnalysis::Overlap &overlap : analysis.overlaps) {
        for (int index : overlap.revisions)
            overlapping.insert(index);
    }
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QColor warningColour = GraphColors::hue(GraphColors::WarningHue, palette(), true);
    for (const MergeAnalysis::Branch &branch : analysis.branches) {
        auto *top = new QTreeWidgetItem(m_branches);
        top->setText(RevisionColumn, headName(graph, branch.head));
        top->setData(RevisionColumn, Qt::UserRole, graph.revision(branch.head).id);
        top->setText(MessageColumn, tr("%n revision(s) of its own", nullptr, int(branch.revisions.size())));
        top->setText(TouchesColumn, touchSummary(branch.touches));
        QFont bold = top->font(RevisionColumn);
        bold.setBold(true);
        top->setFont(RevisionColumn, bold);
        for (int index : branch.revisions) {
            const Revision &revision = graph.revision(index);
            auto *item = new QTreeWidgetItem(top);
            item->setText(RevisionColumn, revision.id);
            item->setData(RevisionColumn, Qt::UserRole, revision.id);
            item->setText(MessageColumn, revision.message);
            item->setText(TouchesColumn, touchSummary(analyzeRevision(revision, Direction::Upgrade, dialect).touches));
            item->setToolTip(MessageColumn, revision.filePath());
            if (overlapping.contains(index)) {
                item->setIcon(RevisionColumn, warning);
                item->setForeground(TouchesColumn, warningColour);
                item->setToolTip(TouchesColumn, tr("Another branch touches these tables too"));
            }
        }
    }
    m_branches->expandAll();
    for (int column : { RevisionColumn, MessageColumn })
        m_branches->resizeColumnToContents(column);

    if (analysis.overlaps.isEmpty()) {
        m_overlaps->setText(tr("No table is touched by more than one branch."));
    } else {
        QStringList lines;
        for (const MergeAnalysis::Overlap &overlap : analysis.overlaps) {
            QStringList revisions;
            for (int index : overlap.revisions)
                revisions.append(QStringLiteral("<code>%1</code>").arg(graph.revision(index).id));
            const QString what = overlap.sameColumn()
                ? tr("<b>%1</b>, columns <b>%2</b>")
                      .arg(overlap.table.toHtmlEscaped(), overlap.columns.join(QLatin1String(", ")).toHtmlEscaped())
                : tr("<b>%1</b>").arg(overlap.table.toHtmlEscaped());
            lines.append(tr("⚠ %1: changed by %2").arg(what, revisions.join(QLatin1String(", "))));
        }
        m_overlaps->setText(
            tr("<p>More than one branch changes these tables; check that the branches still work in either "
               "order:</p>") +
            lines.join(QLatin1String("<br>")));
        QPalette overlapPalette = m_overlaps->palette();
        overlapPalette.setColor(QPalette::WindowText, warningColour);
        m_overlaps->setPalette(overlapPalette);
    }

    QStringList shortNames;
    for (int head : analysis.heads) {
        const Revision &revision = graph.revision(head);
        shortNames.append(revision.branchLabels.isEmpty() ? revision.id : revision.branchLabels.first());
    }
    const QString last = shortNames.takeLast();
    m_message->setText(tr("Merge %1 and %2").arg(shortNames.join(QLatin1String(", ")), last));
    m_message->selectAll();
    m_message->setFocus();
}

void MergeDialog::accept()
{
    if (!m_analysis || m_job->isRunning())
        return;
    if (m_message->text().trimmed().isEmpty()) {
        m_error->showError(tr("A merge needs a message."));
        return;
    }
    NewRevision spec;
    spec.message = m_message->text();
    for (int head : m_analysis->heads)
        spec.heads.append(m_project.graph.revision(head).id);
    m_error->clearError();
    m_buttons->setEnabled(false);
    m_job->create(m_project, spec, true);
}

} // namespace Retort
