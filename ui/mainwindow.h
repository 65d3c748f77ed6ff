#pragma once

#include "db/connectionsettings.h"
#include "project/project.h"
#include "review/databasereview.h"

#include <QMainWindow>

class QDockWidget;
class QStackedWidget;
class QTreeView;

namespace Retort {

class BranchActions;
class BackupsDialog;
class DatabaseActions;
class DriftBanner;
class SchemaActions;
class DatabaseController;
class DatabaseSession;
class EditorPage;
class EnvironmentActions;
class GraphPage;
class HistoryPage;
class NavigationActions;
class WelcomePage;
class LogModel;
class ProjectWatcher;
class ReviewPage;
class RevisionGraphModel;
class WindowActions;
class WindowStatus;

// The main window: a welcome page until a project is open, then the revision
// graph with the selected revision's details, the review, the editor and the
// history as views of the central area, a log dock, and a status bar
// (WindowStatus). The database work is DatabaseController's; the commands
// are connected by BranchActions, DatabaseActions and NavigationActions.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Graph, Review, Editor, History };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the project in `directory`; on failure the window says why and
    // keeps what it showed before. Returns whether it loaded.
    bool openProject(const QString &directory);
    // Reloads the project from disk, keeping the selection and the scroll
    // position; false (and the old graph kept) when the files are broken.
    bool reloadProject();
    // Connects in the background; the status bar follows. A production
    // connection (from its profile) asks for its name before risky runs.
    void connectToDatabase(const ConnectionSettings &settings, bool production = false,
        const QString &profileShadowUrl = {}, const QString &profileName = {});
    // The connection is marked production, by its profile or the project.
    bool isProductionConnection() const;
    void setDatabaseUrl(const QString &url);
    void disconnectFromDatabase();

    void setView(View view);
    View view() const;
    // An id or a unique prefix of one; false when there is no such revision.
    bool selectRevision(const QString &idOrPrefix);
    QString selectedRevision() const;

    // Database work or a reload still under way (screenshots wait for none).
    bool isBusy() const;
    // Whether the window may ask the user things (a password); screenshots
    // must never wait for an answer.
    void setInteractive(bool interactive);

    const Project &project() const;
    RevisionGraphModel *graphModel() const { return m_model; }
    GraphPage *graphPage() const { return m_graphPage; }
    EditorPage *editorPage() const { return m_editorPage; }
    ReviewPage *reviewPage() const { return m_reviewPage; }
    HistoryPage *historyPage() const { return m_historyPage; }
    WelcomePage *welcomePage() const { return m_welcomePage; }
    NavigationActions *navigation() const { return m_navigation; }
    LogModel *log() const { return m_log; }
    WindowActions *actions() const { return m_actions; }
    ProjectWatcher *watcher() const { return m_watcher; }
    DatabaseSession *session() const { return m_session; }
    DatabaseController *database() const { return m_database; }
    BranchActions *branches() const { return m_branches; }
    DatabaseActions *databaseActions() const { return m_databaseActions; }
    SchemaActions *schemaActions() const { return m_schemaActions; }
    EnvironmentActions *environmentActions() const { return m_environmentActions; }
    DriftBanner *driftBanner() const { return m_driftBanner; }
    QString statusText() const; // the status bar's fields, for tests
    // The backups dialog for the project and the connection, opened if need be.
    BackupsDialog *showBackups();

    // Reads where the database stands again (after a run, a restore).
    void refreshDatabaseState();
    void logInfo(const QString &text);
    // Logs and shows the log.
    void logError(const QString &text);

signals:
    void projectLoaded();
    void databaseStateChanged();
    void idle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createLayout();
    // The window's shortcuts win over the editors' own key bindings.
    void releaseEditorKeys();
    void connectActions();
    void chooseProject();
    void updateRecentProjects();
    void rememberProject(const QString &directory);
    void watchProject();
    void showSelected(const QString &id);
    void showRevisionContextMenu(const QString &id, const QPoint &position);
    void editSelected();
    // Copies the demo project into the data folder, opens it with its SQLite database.
    void openDemo();
    void refreshHistory();
    void showPreferences();
    void showAbout();
    void requestReview(ReviewMode mode, const QString &target);
    void updateStatus();
    // Enabled where they apply, with a tooltip saying why not elsewhere.
    void updateActions();
    void updateHeads();
    QString editorLanguage(int graphIndex) const;
    QString databaseName() const;
    void restoreLayout();
    void saveLayout();
    void checkIdle();

    WindowActions *m_actions;
    RevisionGraphModel *m_model;
    GraphPage *m_graphPage;
    EditorPage *m_editorPage;
    ReviewPage *m_reviewPage;
    HistoryPage *m_historyPage;
    WelcomePage *m_welcomePage;
    QStackedWidget *m_pages;
    LogModel *m_log;
    QTreeView *m_logView;
    QDockWidget *m_logDock;
    DatabaseController *m_database;
    DatabaseSession *m_session;
    ProjectWatcher *m_watcher;
    BranchActions *m_branches = nullptr;
    NavigationActions *m_navigation = nullptr;
    WindowStatus *m_status = nullptr;
    DatabaseActions *m_databaseActions = nullptr;
    SchemaActions *m_schemaActions = nullptr;
    EnvironmentActions *m_environmentActions = nullptr;
    DriftBanner *m_driftBanner = nullptr;
    bool m_reviewStale = true; // the review shows an older state of the project or database
    bool m_historyStale = true;
};

} // namespace Retort
