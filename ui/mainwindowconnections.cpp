// MainWindow's wiring, apart from what the window does: which action, page
// and controller signal goes to which of its functions.
#include "db/databasecontroller.h"
#include "db/databasesession.h"
#include "details/revisiondetails.h"
#include "editor/editorpage.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "history/historypage.h"
#include "lint/lintrulesdialog.h"
#include "mainwindow.h"
#include "project/projectwatcher.h"
#include "review/reviewpage.h"
#include "welcome/welcomepage.h"
#include "windowactions.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>

namespace Retort {

void MainWindow::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->openProject, &QAction::triggered, this, &MainWindow::chooseProject);
    connect(a->disconnectDatabase, &QAction::triggered, this, &MainWindow::disconnectFromDatabase);
    connect(a->refresh, &QAction::triggered, this, [this] {
        reloadProject();
        refreshDatabaseState();
    });
    connect(a->preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->findRevision, &QAction::triggered, this, [this] {
        setView(View::Graph);
        m_graphPage->focusFilter();
    });
    connect(a->showGraph, &QAction::triggered, this, [this] { setView(View::Graph); });
    connect(a->showReview, &QAction::triggered, this, [this] { setView(View::Review); });
    connect(a->showEditor, &QAction::triggered, this, [this] { setView(View::Editor); });
    connect(a->showHistory, &QAction::triggered, this, [this] { setView(View::History); });
    connect(m_welcomePage, &WelcomePage::openRequested, this, &MainWindow::openProject);
    connect(m_welcomePage, &WelcomePage::chooseRequested, this, &MainWindow::chooseProject);
    connect(m_welcomePage, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(a->toggleLog, &QAction::toggled, m_logDock, &QDockWidget::setVisible);
    connect(m_logDock, &QDockWidget::visibilityChanged, a->toggleLog, &QAction::setChecked);
    connect(a->editRevision, &QAction::triggered, this, &MainWindow::editSelected);
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->lintRules, &QAction::triggered, this, [this] {
        auto *dialog = new LintRulesDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });

    RevisionGraphView *view = m_graphPage->view();
    connect(view, &RevisionGraphView::currentRevisionChanged, this, &MainWindow::showSelected);
    connect(view, &RevisionGraphView::revisionContextMenuRequested, this, &MainWindow::showRevisionContextMenu);
    connect(view, &RevisionGraphView::revisionActivated, this, [this] { editSelected(); });
    RevisionDetails *details = m_graphPage->details();
    connect(details, &RevisionDetails::revisionLinkActivated, this, &MainWindow::selectRevision);
    connect(details, &RevisionDetails::editRequested, this, &MainWindow::editSelected);
    connect(details, &RevisionDetails::openFileRequested, a->openRevisionFile, &QAction::trigger);

    connect(m_editorPage, &EditorPage::saved, this, [this](const QString &path) {
        logInfo(tr("Saved %1").arg(QDir(project().directory).relativeFilePath(path)));
        reloadProject();
    });
    connect(m_reviewPage, &ReviewPage::planRequested, this, &MainWindow::requestReview);
    connect(m_reviewPage, &ReviewPage::scriptShown, this, &MainWindow::checkIdle);
    connect(m_graphPage, &GraphPage::busyChanged, this, [this] {
        updateStatus();
        checkIdle();
    });
    connect(m_reviewPage, &ReviewPage::revisionActivated, this, [this](const QString &id) {
        setView(View::Graph);
        selectRevision(id);
    });

    connect(m_watcher, &ProjectWatcher::changed, this, [this] {
        logInfo(tr("The project's files changed on disk; reloading"));
        reloadProject();
    });
    connect(m_database, &DatabaseController::info, this, &MainWindow::logInfo);
    connect(m_database, &DatabaseController::failed, this, &MainWindow::logError);
    connect(m_database, &DatabaseController::statusChanged, this, &MainWindow::updateStatus);
    connect(m_database, &DatabaseController::idle, this, &MainWindow::checkIdle);
    connect(m_database, &DatabaseController::opened, this, [this] {
        m_reviewPage->setDatabase(databaseName(), m_session->settings().dialect);
        m_historyPage->setDatabase(databaseName(), editorLanguage(-1));
        refreshDatabaseState();
        showSelected(selectedRevision());
    });
    connect(m_database, &DatabaseController::stateChanged, this, [this] {
        m_model->setDatabaseState(m_database->hasState(), m_database->currentRows(), m_database->applied());
    });
    connect(m_database, &DatabaseController::stateRead, this, [this] {
        m_graphPage->view()->fitTextColumns(true); // states, and current revisions in bold
        showSelected(selectedRevision());
        emit databaseStateChanged();
    });
}

} // namespace Retort
