#pragma once

#include "db/connectionsettings.h"
#include "project/project.h"
#include "review/databasereview.h"

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QStackedWidget;
class QTreeView;

namespace Retort {

class BranchActions;
class BackupsDialog;
class DatabaseSession;
class EditorPage;
class GraphPage;
class LogModel;
class ProjectWatcher;
class ReviewPage;
class RevisionGraphModel;
class WindowActions;

// The main window: the revision graph with the selected revision's details,
// the editor and the review as views of the central area, a log dock, and a
// status bar with the connection, the database's current revision(s), the
// number of pending revisions and the number of heads.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class View { Graph, Review, Editor };

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
    void connectToDatabase(const ConnectionSettings &settings, bool production = false);
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
    void setInteractive(bool interactive) { m_interactive = interactive; }

    const Project &project() const;
    RevisionGraphModel *graphModel() const { return m_model; }
    GraphPage *graphPage() const { return m_graphPage; }
    EditorPage *editorPage() const { return m_editorPage; }
    ReviewPage *reviewPage() const { return m_reviewPage; }
    LogModel *log() const { return m_log; }
    WindowActions *actions() const { return m_actions; }
    ProjectWatcher *watcher() const { return m_watcher; }
    DatabaseSession *session() const { return m_session; }
    BranchActions *branches() const { return m_branches; }
    QString statusText() const; // the status bar's fields, for tests
    // The backups dialog for the project and the connection, opened if need be.
    BackupsDialog *showBackups();

signals:
    void projectLoaded();
    void databaseStateChanged();
    void idle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createLayout();
    void connectActions();
    void chooseProject();
    void chooseDatabase();
    void showProfiles();
    void updateRecentProjects();
    void rememberProject(const QString &directory);
    void watchProject();
    void showSelected(const QString &id);
    void showRevisionContextMenu(const QString &id, const QPoint &position);
    void editSelected();
    void openSelectedFile();
    void copySelectedId();
    void reviewSelected(ReviewMode mode);
    // The guided upgrade, downgrade or stamp to the selected revision.
    void runSelected(ReviewMode mode);
    void showPreferences();
    void showAbout();
    void handleOpenFailed(const Error &error, bool needsPassword);
    void refreshDatabaseState();
    void requestReview(ReviewMode mode, const QString &target);
    void updateStatus();
    void updateHeads();
    void logInfo(const QString &text);
    void logError(const QString &text);
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
    QStackedWidget *m_pages;
    LogModel *m_log;
    QTreeView *m_logView;
    QDockWidget *m_logDock;
    DatabaseSession *m_session;
    ProjectWatcher *m_watcher;
    BranchActions *m_branches = nullptr;
    QLabel *m_projectStatus;
    QLabel *m_connectionStatus;
    QLabel *m_currentStatus;
    QLabel *m_pendingStatus;
    QLabel *m_headsStatus;
    QLabel *m_busyStatus;
    bool m_connecting = false;
    bool m_production = false;
    bool m_interactive = true;
    QPointer<BackupsDialog> m_backupsDialog;
    int m_passwordAttempts = 0;
    int m_stateGeneration = 0;
    int m_reviewGeneration = 0;
    QStringList m_currentRows;
    int m_pendingCount = -1; // -1: unknown
    QString m_databaseError;
};

} // namespace Retort
