#include "navigationactions.h"

#include "actionavailability.h"
#include "db/databasecontroller.h"
#include "graph/graphexport.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphview.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QStatusBar>
#include <QUrl>

namespace Retort {

NavigationActions::NavigationActions(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    WindowActions *actions = window->actions();
    connect(actions->goToRevision, &QAction::triggered, this, &NavigationActions::goToRevision);
    connect(actions->goToCurrent, &QAction::triggered, this, &NavigationActions::goToCurrent);
    connect(actions->copyRevisionId, &QAction::triggered, this, &NavigationActions::copySelectedId);
    connect(actions->openRevisionFile, &QAction::triggered, this, &NavigationActions::openSelectedFile);
    connect(actions->exportGraph, &QAction::triggered, this, [this] { exportGraph(false); });
    connect(actions->exportSelection, &QAction::triggered, this, [this] { exportGraph(true); });
    connect(window->graphPage()->view(), &RevisionGraphView::selectedRevisionsChanged, this,
        &NavigationActions::updateActions);
    connect(window, &MainWindow::projectLoaded, this, &NavigationActions::updateActions);
    connect(window->database(), &DatabaseController::stateChanged, this, [this] {
        m_nextCurrent = 0;
        updateActions();
    });
    updateActions();
}

void NavigationActions::updateActions()
{
    WindowActions *actions = m_window->actions();
    const bool project = !m_window->project().directory.isEmpty();
    const QString noProject = project ? QString() : tr("Open a project first (File ▸ Open Project…)");
    setAvailable(actions->goToRevision, noProject);
    setAvailable(actions->exportGraph, noProject);
    QString noSelection = noProject;
    if (noSelection.isEmpty() && m_window->graphPage()->view()->selectedRevisionIds().isEmpty())
        noSelection = tr("Select the revisions to export in the graph first");
    setAvailable(actions->exportSelection, noSelection);
    const DatabaseController *database = m_window->database();
    QString noCurrent = noProject;
    if (noCurrent.isEmpty() && !database->isOpen())
        noCurrent = tr("Connect to a database first (File ▸ Connect to Database…)");
    else if (noCurrent.isEmpty() && !database->hasState())
        noCurrent = tr("Reading where the database stands…");
    else if (noCurrent.isEmpty() && database->currentRows().isEmpty())
        noCurrent = tr("The database is at base: no revision is applied");
    setAvailable(actions->goToCurrent, noCurrent);
}

void NavigationActions::goToRevision()
{
    bool ok = false;
    const QString id = QInputDialog::getText(
        m_window, tr("Go to Revision"), tr("Revision &id or a unique prefix:"), QLineEdit::Normal, QString(), &ok)
                           .trimmed();
    if (!ok || id.isEmpty())
        return;
    m_window->setView(MainWindow::View::Graph);
    if (!m_window->selectRevision(id))
        m_window->statusBar()->showMessage(tr("No single revision matches %1").arg(id), 5000);
}

bool NavigationActions::goToCurrent()
{
    const QStringList &rows = m_window->database()->currentRows();
    if (rows.isEmpty())
        return false;
    m_window->setView(MainWindow::View::Graph);
    const QString id = rows.at(m_nextCurrent % rows.size());
    m_nextCurrent = (m_nextCurrent + 1) % int(rows.size());
    if (rows.size() > 1)
        m_window->statusBar()->showMessage(
            tr("The database is at %n revisions: Ctrl+Shift+G again for the next", nullptr, int(rows.size())), 5000);
    return m_window->selectRevision(id);
}

QString NavigationActions::exportTo(const QString &path, bool selectionOnly) const
{
    return ::Retort::exportGraph(m_window->graphPage()->view(), path, selectionOnly);
}

void NavigationActions::exportGraph(bool selectionOnly)
{
    const QString suggested = QDir(m_window->project().directory).filePath(QStringLiteral("graph.svg"));
    QString filter;
    const QString path =
        QFileDialog::getSaveFileName(m_window, selectionOnly ? tr("Export Selected Revisions") : tr("Export Graph"),
            suggested, tr("SVG image (*.svg);;PNG image (*.png)"), &filter);
    if (path.isEmpty())
        return;
    const QString error = exportTo(path, selectionOnly);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr("Cannot export the graph"), error);
        return;
    }
    m_window->statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void NavigationActions::copySelectedId()
{
    const QString id = m_window->selectedRevision();
    if (id.isEmpty())
        return;
    QApplication::clipboard()->setText(id);
    m_window->statusBar()->showMessage(tr("Copied %1").arg(id), 3000);
}

void NavigationActions::openSelectedFile()
{
    const int index = m_window->project().graph.indexOf(m_window->selectedRevision());
    if (index < 0)
        return;
    const QString path = m_window->project().graph.revision(index).filePath();
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        m_window->log()->add(LogModel::Level::Error, tr("No application to open %1").arg(path));
}

} // namespace Retort
