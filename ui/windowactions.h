#pragma once

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QToolBar;

namespace Retort {

// Every command of the main window as a QAction with its shortcut, and the
// menus and toolbar made of them. The window connects them to what they do.
class WindowActions : public QObject
{
    Q_OBJECT
public:
    explicit WindowActions(QObject *parent = nullptr);

    // Builds the menu bar and the main toolbar of `window`.
    void populate(QMainWindow *window);
    // The revision commands, for the graph's context menu.
    void addRevisionActions(QMenu *menu) const;

    // File
    QAction *openProject;
    QMenu *recentProjects = nullptr; // made by populate()
    QAction *connectDatabase;
    QAction *connectionProfiles;
    QAction *disconnectDatabase;
    QAction *refresh;
    QAction *exportGraph;
    QAction *exportSelection;
    QAction *backUpNow;
    QAction *showBackups;
    QAction *openFleet;
    QAction *preferences;
    QAction *quit;
    // Edit
    QAction *findRevision;
    QAction *goToRevision;
    QAction *goToCurrent;
    QAction *copyRevisionId;
    // View
    QActionGroup *views;
    QAction *showGraph;
    QAction *showReview;
    QAction *showEditor;
    QAction *showHistory;
    QAction *toggleLog;
    // Revision
    QAction *upgradeToHere;
    QAction *downgradeToHere;
    QAction *stampHere;
    QAction *editRevision;
    QAction *openRevisionFile;
    QAction *newRevision;
    QAction *mergeHeads;
    QAction *rebaseBranch;
    QAction *reattachRevision;
    QAction *verifyMigrations;
    QAction *checkDrift;
    // Help
    QAction *lintRules;
    QAction *about;

    QToolBar *toolBar = nullptr;
};

} // namespace Retort
