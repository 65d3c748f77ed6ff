#include "rebasedialog.h"

#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "project/downrevisionrewriter.h"
#include "revisionfilejob.h"
#include "settings/dialoggeometry.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Retort {

RebaseDialog::RebaseDialog(const Project &project, int branchHead, QWidget *parent)
    : QDialog(parent)
    , m_project(project)
    , m_branchHead(branchHead)
    , m_plan(Error::at({}, 0, QString()))
    , m_onto(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_previewModel(new RevisionGraphModel(this))
    , m_preview(new RevisionGraphView(this))
    , m_error(new ErrorLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_job(new RevisionFileJob(this))
{
    setWindowTitle(tr("Rebase Branch"));
    setObjectName(QStringLiteral("rebaseDialog"));
    const RevisionGraph &graph = project.graph;
    for (int head : graph.heads()) {
        if (head == branchHead)
            continue;
        const Revision &revision = graph.revision(head);
        m_onto->addItem(QStringLiteral("%1 — %2").arg(revision.id, revision.message), revision.id);
    }
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_preview->setModel(m_previewModel);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->setMinimumHeight(200);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Rewrite down_revision"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RebaseDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_onto, &QComboBox::currentIndexChanged, this, &RebaseDialog::replan);
    m_job->finishDialog(this, m_buttons, m_error, &m_written);

    auto *form = new QFormLayout;
    form->addRow(tr("Move the branch of:"),
        new QLabel(
            QStringLiteral("%1 — %2").arg(graph.revision(branchHead).id, graph.revision(branchHead).message), this));
    form->addRow(tr("&Onto:"), m_onto);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(new QLabel(tr("The graph afterwards:"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    replan();
    rememberGeometry(this, QStringLiteral("rebase"), QSize(760, 520));
}

void RebaseDialog::setDatabaseState(bool known, const QStringList &versionRows, const QString &databaseName)
{
    m_waitingForDatabase = false;
    m_stateKnown = known;
    m_versionRows = versionRows;
    m_databaseName = databaseName;
    replan();
}

void RebaseDialog::setDatabaseError(const QString &error)
{
    m_waitingForDatabase = false;
    m_stateKnown = false;
    m_databaseError = error;
    replan();
}

void RebaseDialog::replan()
{
    const RevisionGraph &graph = m_project.graph;
    const int onto = graph.indexOf(m_onto->currentData().toString());
    m_error->clearError();
    m_plan = onto < 0 ? Result<RebasePlan>(Error::at({}, 0, tr("there is no other head to move the branch onto")))
                      : planRebase(graph, m_branchHead, onto);
    if (!m_plan) {
        m_summary->clear();
        m_previewModel->setProject(Project());
        m_error->showError(m_plan.error().toString());
        updateButtons();
        return;
    }
    const RebasePlan &plan = *m_plan;
    QStringList moved;
    for (int index : plan.moved)
        moved.append(QStringLiteral("<code>%1</code>").arg(graph.revision(index).id));
    const Revision &root = graph.revision(plan.root);
    const auto ids = [](const QStringList &list) {
        return list.isEmpty() ? tr("nothing (a base)")
                              : QStringLiteral("<code>%1</code>").arg(list.join(QLatin1String(", ")));
    };
    QString summary = tr("<p>Moves %1 on top of <code>%2</code>: in <code>%3</code>, down_revision %4 becomes %5. No "
                         "other file changes.</p>")
                          .arg(moved.join(QLatin1String(", ")), graph.revision(plan.ontoHead).id,
                              QDir(m_project.directory).relativeFilePath(root.filePath()).toHtmlEscaped(),
                              ids(plan.oldDownRevisions), ids(plan.newDownRevisions));
    if (m_waitingForDatabase)
        summary += tr("<p>Checking the connected database…</p>");
    else if (!m_stateKnown && m_databaseError.isEmpty())
        summary += tr("<p>No database is connected, so Retort cannot see where these revisions are applied. Rebase "
                      "only revisions that no database has run.</p>");
    m_summary->setText(summary);

    Project preview = m_project;
    Result<RevisionGraph> rebased = RevisionGraph::build(rebasedRevisions(graph, plan));
    if (rebased)
        preview.graph = *rebased;
    m_previewModel->setProject(preview);
    m_preview->fitGraphColumn();
    m_preview->fitTextColumns();

    if (!m_databaseError.isEmpty()) {
        m_error->showError(
            tr("Cannot tell whether the branch is applied: %1. Nothing was changed.").arg(m_databaseError));
    } else if (m_stateKnown) {
        const QList<int> applied = appliedAmong(graph, m_versionRows, plan.moved);
        if (!applied.isEmpty()) {
            QStringList names;
            for (int index : applied)
                names.append(graph.revision(index).id);
            m_error->showError(
                tr("Refused: %1 of this branch is applied in %2 (its version table stands at %3). "
                   "Moving the branch would change the parents of revisions that database has run; "
                   "merge the heads instead.")
                    .arg(names.join(QLatin1String(", ")), m_databaseName, m_versionRows.join(QLatin1String(", "))));
        }
    }
    updateButtons();
}

bool RebaseDialog::canWrite() const
{
    return m_plan.ok() && !m_waitingForDatabase && m_error->errorText().isEmpty() && !m_job->isRunning();
}

void RebaseDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canWrite());
}

void RebaseDialog::accept()
{
    if (!canWrite())
        return;
    const RebasePlan plan = *m_plan;
    const Revision &root = m_project.graph.revision(plan.root);
    DownRevisionChange change;
    change.filePath = root.filePath();
    change.format = root.format;
    change.revisionId = root.id;
    change.from = plan.oldDownRevisions;
    change.to = plan.newDownRevisions;
    WrittenRevision written;
    written.id = m_project.graph.revision(plan.branchHead).id;
    written.path = root.filePath();
    const AlembicRevisionParser::Names names = m_project.settings.pythonNames;
    m_buttons->setEnabled(false);
    m_job->rewrite(change, names, written);
}

QString RebaseDialog::summaryText() const
{
    return m_summary->text();
}

} // namespace Retort
