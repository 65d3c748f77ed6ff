#include "windowactions.h"

#include "settings/icons.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

#include <utility>

namespace Retort {

namespace {

QAction *action(QObject *parent, const QString &text, const QKeySequence &shortcut = {}, const QString &tip = {})
{
    auto *result = new QAction(text, parent);
    if (!shortcut.isEmpty())
        result->setShortcut(shortcut);
    if (!tip.isEmpty())
        result->setStatusTip(tip);
    return result;
}

} // namespace

WindowActions::WindowActions(QObject *parent)
    : QObject(parent)
{
    openProject = action(this, tr("&Open Project…"), QKeySequence::Open, tr("Open a native or Alembic project folder"));
    connectDatabase = action(this, tr("&Connect to Database…"), QKeySequence(Qt::CTRL | Qt::Key_D),
        tr("Connect by URL or to a SQLite file"));
    connectionProfiles = action(this, tr("Connection &Profiles…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
        tr("Saved connections, passwords in the system keychain"));
    disconnectDatabase = action(this, tr("&Disconnect"));
    refresh = action(this, tr("&Refresh"), QKeySequence::Refresh, tr("Reload the project and the database state"));
    exportGraph = action(this, tr("&Export Graph…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Save the whole graph as an SVG or PNG picture"));
    exportSelection = action(this, tr("Export &Selected Revisions…"), {},
        tr("Save the graph from the first to the last selected revision as an SVG or PNG picture"));
    backUpNow = action(this, tr("&Back Up Now"), QKeySequence(Qt::CTRL | Qt::Key_B),
        tr("Dump the connected database into the project's backup folder, verified"));
    showBackups = action(this, tr("B&ackups…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
        tr("The project's backups: verify one, or restore it"));
    openFleet = action(this, tr("Open &Fleet…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
        tr("Every database of a fleet file: where each stands, and one upgrade run on all of them"));
    preferences = action(this, tr("&Preferences…"), QKeySequence::Preferences);
    if (preferences->shortcut().isEmpty())
        preferences->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    quit = action(this, tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    findRevision = action(this, tr("&Find Revision…"), QKeySequence(Qt::CTRL | Qt::Key_L),
        tr("Filter the graph by id, message or branch label"));
    goToRevision = action(this, tr("&Go to Revision…"), QKeySequence(Qt::CTRL | Qt::Key_G),
        tr("Select a revision by its id or a unique prefix of it"));
    goToCurrent = action(this, tr("Go to C&urrent Revision"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G),
        tr("Select the revision the database is at (again for the next one, when it is at several)"));
    copyRevisionId = action(this, tr("&Copy Revision Id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    views = new QActionGroup(this);
    showGraph = action(views, tr("&Graph"), QKeySequence(Qt::CTRL | Qt::Key_1), tr("The revision graph"));
    showReview = action(views, tr("&Review"), QKeySequence(Qt::CTRL | Qt::Key_2),
        tr("What would run against the database, step by step"));
    showEditor = action(views, tr("&Editor"), QKeySequence(Qt::CTRL | Qt::Key_3), tr("The selected revision's file"));
    showHistory = action(views, tr("&History"), QKeySequence(Qt::CTRL | Qt::Key_4),
        tr("What ran on the database: who, when, how it ended, the SQL"));
    for (QAction *view : { showGraph, showReview, showEditor, showHistory })
        view->setCheckable(true);
    showGraph->setChecked(true);
    toggleLog = action(this, tr("&Log"), QKeySequence(Qt::CTRL | Qt::Key_J));
    toggleLog->setCheckable(true);

    upgradeToHere = action(this, tr("&Upgrade to Here…"), QKeySequence(Qt::CTRL | Qt::Key_U),
        tr("Upgrade the database to this revision: the plan, its SQL and warnings, then the run"));
    downgradeToHere = action(this, tr("&Downgrade to Here…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
        tr("Downgrade the database to this revision, with a backup first"));
    stampHere = action(this, tr("&Stamp Here…"), {},
        tr("Set the database's version table to this revision without running migrations"));
    editRevision = action(this, tr("&Edit"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Edit this revision's file"));
    openRevisionFile = action(this, tr("&Open File"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Open the file with the desktop's application for it"));
    newRevision = action(
        this, tr("&New Revision…"), QKeySequence::New, tr("Write a new revision file after a head, or start a branch"));
    mergeHeads = action(this, tr("&Merge Heads…"), QKeySequence(Qt::CTRL | Qt::Key_M),
        tr("Write a revision that merges the heads (or the heads selected in the graph)"));
    rebaseBranch = action(this, tr("Re&base Branch…"), {},
        tr("Move the selected head's branch on top of another head, if no database has applied it"));
    reattachRevision = action(this, tr("Re-&attach to…"), {},
        tr("Choose the revision a broken revision follows, instead of one that does not exist"));
    verifyMigrations = action(this, tr("&Verify Migrations…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_V),
        tr("In a shadow database, check that every downgrade undoes its upgrade"));
    checkDrift = action(this, tr("Check &Drift"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_D),
        tr("Compare the database's schema with the one its revision implies, replayed in a shadow database"));
    lintRules = action(this, tr("&Lint Rules"), QKeySequence::HelpContents,
        tr("What each lint rule checks, the lock it takes, and the safe way"));
    about = action(this, tr("&About Retort"));
    about->setMenuRole(QAction::AboutRole);

    // Names for tests and for accessibility tools.
    const std::pair<QAction *, const char *> names[] = {
        { openProject, "openProject" },
        { connectDatabase, "connectDatabase" },
        { connectionProfiles, "connectionProfiles" },
        { disconnectDatabase, "disconnectDatabase" },
        { refresh, "refresh" },
        { exportGraph, "exportGraph" },
        { exportSelection, "exportSelection" },
        { backUpNow, "backUpNow" },
        { showBackups, "showBackups" },
        { openFleet, "openFleet" },
        { preferences, "preferences" },
        { quit, "quit" },
        { findRevision, "findRevision" },
        { goToRevision, "goToRevision" },
        { goToCurrent, "goToCurrent" },
        { copyRevisionId, "copyRevisionId" },
        { showGraph, "showGraph" },
        { showReview, "showReview" },
        { showEditor, "showEditor" },
        { showHistory, "showHistory" },
        { toggleLog, "toggleLog" },
        { upgradeToHere, "upgradeToHere" },
        { downgradeToHere, "downgradeToHere" },
        { stampHere, "stampHere" },
        { editRevision, "editRevision" },
        { openRevisionFile, "openRevisionFile" },
        { newRevision, "newRevision" },
        { mergeHeads, "mergeHeads" },
        { rebaseBranch, "rebaseBranch" },
        { reattachRevision, "reattachRevision" },
        { verifyMigrations, "verifyMigrations" },
        { checkDrift, "checkDrift" },
        { about, "about" },
    };
    for (const auto &[named, name] : names)
        named->setObjectName(QLatin1String(name));

    // Icons from the desktop's theme, or the bundled Breeze set.
    Icons::installFallback();
    const std::pair<QAction *, const char *> icons[] = {
        { openProject, "document-open" },
        { connectDatabase, "network-connect" },
        { disconnectDatabase, "network-disconnect" },
        { refresh, "view-refresh" },
        { backUpNow, "backup" },
        { preferences, "configure" },
        { quit, "application-exit" },
        { findRevision, "edit-find" },
        { goToRevision, "go-jump" },
        { goToCurrent, "mark-location" },
        { copyRevisionId, "edit-copy" },
        { exportGraph, "document-export" },
        { showGraph, "view-list-tree" },
        { showReview, "view-preview" },
        { showEditor, "document-edit" },
        { showHistory, "view-history" },
        { toggleLog, "view-list-text" },
        { upgradeToHere, "go-up" },
        { downgradeToHere, "go-down" },
        { stampHere, "tag" },
        { editRevision, "document-edit" },
        { newRevision, "document-new" },
        { mergeHeads, "vcs-merge" },
        { rebaseBranch, "vcs-branch" },
        { reattachRevision, "insert-link" },
        { verifyMigrations, "checkmark" },
        { checkDrift, "documentinfo" },
        { about, "help-about" },
    };
    for (const auto &[iconic, icon] : icons)
        iconic->setIcon(Icons::get(icon));
}

void WindowActions::populate(QMainWindow *window)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(openProject);
    recentProjects = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(connectDatabase);
    file->addAction(connectionProfiles);
    file->addAction(disconnectDatabase);
    file->addAction(refresh);
    file->addAction(checkDrift);
    file->addSeparator();
    file->addAction(exportGraph);
    file->addAction(exportSelection);
    file->addSeparator();
    file->addAction(backUpNow);
    file->addAction(showBackups);
    file->addSeparator();
    file->addAction(openFleet);
    file->addSeparator();
    file->addAction(preferences);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addAction(findRevision);
    edit->addAction(goToRevision);
    edit->addAction(goToCurrent);
    edit->addAction(copyRevisionId);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addActions(views->actions());
    view->addSeparator();
    view->addAction(toggleLog);

    QMenu *revision = bar->addMenu(tr("&Revision"));
    addRevisionActions(revision);
    revision->addSeparator();
    revision->addAction(verifyMigrations);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(lintRules);
    help->addAction(about);
    // Disabled commands say why in their tooltip: show tooltips in menus too.
    for (QMenu *menu : { file, edit, view, revision, help })
        menu->setToolTipsVisible(true);

    toolBar = window->addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(openProject);
    toolBar->addAction(connectDatabase);
    toolBar->addAction(refresh);
    toolBar->addAction(backUpNow);
    toolBar->addSeparator();
    toolBar->addAction(newRevision);
    toolBar->addAction(mergeHeads);
    toolBar->addSeparator();
    toolBar->addActions(views->actions());
    toolBar->addSeparator();
    toolBar->addAction(upgradeToHere);
    toolBar->addAction(downgradeToHere);
    view->addAction(toolBar->toggleViewAction());
}

void WindowActions::addRevisionActions(QMenu *menu) const
{
    menu->addAction(upgradeToHere);
    menu->addAction(downgradeToHere);
    menu->addAction(stampHere);
    menu->addSeparator();
    menu->addAction(editRevision);
    menu->addAction(openRevisionFile);
    menu->addAction(copyRevisionId);
    menu->addSeparator();
    menu->addAction(newRevision);
    menu->addAction(mergeHeads);
    menu->addAction(rebaseBranch);
    menu->addAction(reattachRevision);
}

} // namespace Retort
