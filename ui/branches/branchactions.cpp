#include "branchactions.h"

#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "editor/editorpage.h"
#include "graph/graphpage.h"
#include "graph/headsbanner.h"
#include "graph/revisiongraphview.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "mergedialog.h"
#include "newrevisiondialog.h"
#include "reattachdialog.h"
#include "rebasedialog.h"
#include "review/databasereview.h"
#include "windowactions.h"

#include <QAction>
#include <QDir>
#include <QPointer>

namespace Retort {

BranchActions::BranchActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    WindowActions *actions = window->actions();
    connect(actions->newRevision, &QAction::triggered, this, &BranchActions::newRevision);
    connect(actions->mergeHeads, &QAction::triggered, this, &BranchActions::mergeHeads);
    connect(actions->rebaseBranch, &QAction::triggered, this, &BranchActions::rebaseBranch);
    connect(actions->reattachRevision, &QAction::triggered, this, &BranchActions::reattachRevision);
    connect(window, &MainWindow::projectLoaded, this, &BranchActions::reportBroken);
    connect(window->graphPage()->banner(), &HeadsBanner::mergeRequested, this, &BranchActions::mergeHeads);
    RevisionGraphView *view = window->graphPage()->view();
    connect(view, &RevisionGraphView::selectedRevisionsChanged, this, &BranchActions::updateActions);
    connect(window, &MainWindow::projectLoaded, this, &BranchActions::updateActions);
    updateActions();
}

QList<int> BranchActions::headsToMerge() const
{
    const RevisionGraph &graph = m_window->project().graph;
    QList<int> selected;
    for (const QString &id : m_window->graphPage()->view()->selectedRevisionIds()) {
        const int index = graph.indexOf(id);
        if (index >= 0 && graph.isHead(index))
            selected.append(index);
    }
    return selected.size() >= 2 ? selected : graph.heads();
}

void BranchActions::updateActions()
{
    const Project &project = m_window->project();
    WindowActions *actions = m_window->actions();
    actions->newRevision->setEnabled(!project.directory.isEmpty());
    const QList<int> heads = headsToMerge();
    actions->mergeHeads->setEnabled(heads.size() >= 2);
    const int selected = project.graph.indexOf(m_window->selectedRevision());
    actions->rebaseBranch->setEnabled(
        selected >= 0 && project.graph.isHead(selected) && project.graph.heads().size() >= 2);
    actions->reattachRevision->setEnabled(selected >= 0 && project.brokenRevision(m_window->selectedRevision()));
    const bool allHeads = heads.size() == project.graph.heads().size();
    actions->mergeHeads->setText(
        allHeads ? tr("&Merge Heads…") : tr("&Merge %n Selected Heads…", nullptr, int(heads.size())));
}

MergeDialog *BranchActions::mergeHeads()
{
    const QList<int> heads = headsToMerge();
    if (heads.size() < 2)
        return nullptr;
    DatabaseSession *session = m_window->session();
    const Dialect dialect = session->isOpen() ? session->settings().dialect : Dialect::PostgreSQL;
    auto *dialog = new MergeDialog(m_window->project(), heads, dialect, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MergeDialog::revisionActivated, m_window, &MainWindow::selectRevision);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { showWritten(dialog->written(), tr("Wrote the merge revision"), false); });
    m_window->setView(MainWindow::View::Graph);
    dialog->open();
    return dialog;
}

NewRevisionDialog *BranchActions::newRevision()
{
    if (m_window->project().directory.isEmpty())
        return nullptr;
    auto *dialog = new NewRevisionDialog(m_window->project(), m_window->selectedRevision(), m_window);
    dialog->setShadowOptions(m_window->database()->shadowOptions(m_window->project()));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { showWritten(dialog->written(), tr("Created the revision"), true); });
    dialog->open();
    return dialog;
}

RebaseDialog *BranchActions::rebaseBranch()
{
    const Project &project = m_window->project();
    const int head = project.graph.indexOf(m_window->selectedRevision());
    if (head < 0 || !project.graph.isHead(head) || project.graph.heads().size() < 2)
        return nullptr;
    auto *dialog = new RebaseDialog(project, head, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, dialog] { showWritten(dialog->written(), tr("Rebased the branch of"), false); });
    // What the connected database has applied, read now rather than
    // trusted from the last refresh.
    DatabaseSession *session = m_window->session();
    if (!session->isOpen()) {
        dialog->setDatabaseState(false, {}, {});
    } else {
        const QString name = session->settings().displayName();
        QPointer<RebaseDialog> guard(dialog);
        session->run<Result<DatabaseStatus>>(
            [project](DatabaseConnection *connection) -> Result<DatabaseStatus> {
                if (!connection)
                    return Error::at({}, 0, tr("not connected"));
                return DatabaseReview(project, connection->database(), connection->dialect()).status();
            },
            dialog,
            [guard, name](const Result<DatabaseStatus> &status) {
                if (!guard)
                    return;
                if (status)
                    guard->setDatabaseState(true, status->versionRows, name);
                else
                    guard->setDatabaseError(status.error().toString());
            });
    }
    dialog->open();
    return dialog;
}

ReattachDialog *BranchActions::reattachRevision()
{
    const BrokenRevision *broken = m_window->project().brokenRevision(m_window->selectedRevision());
    if (!broken)
        return nullptr;
    auto *dialog = new ReattachDialog(m_window->project(), *broken, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &QDialog::accepted, this, [this, dialog] { showWritten(dialog->written(), tr("Re-attached"), false); });
    dialog->open();
    return dialog;
}

void BranchActions::reportBroken()
{
    // Until it is repaired, a broken revision sits in the graph as a base:
    // say so where people look before they upgrade.
    for (const BrokenRevision &broken : m_window->project().broken) {
        m_window->log()->add(LogModel::Level::Error,
            tr("%1 — shown as broken; select it and choose Revision ▸ Re-attach to… before upgrading")
                .arg(broken.error.toString()));
    }
}

void BranchActions::showWritten(const WrittenRevision &written, const QString &what, bool edit)
{
    m_window->log()->add(LogModel::Level::Info,
        tr("%1 %2: %3").arg(what, written.id, QDir(m_window->project().directory).relativeFilePath(written.path)));
    m_window->reloadProject();
    m_window->setView(edit ? MainWindow::View::Editor : MainWindow::View::Graph);
    m_window->selectRevision(written.id);
    if (edit)
        m_window->editorPage()->startEditing();
    emit revisionWritten(written.id);
}

} // namespace Retort
