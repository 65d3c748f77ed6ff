#pragma once

#include "db/connectionsettings.h"
#include "db/historytable.h"
#include "project/project.h"
#include "review/databasereview.h"
#include "shadow/shadowdatabase.h"
#include "util/result.h"

#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>

class QWidget;

namespace Retort {

class DatabaseSession;

// The window's database: connecting (asking for a password when the server
// wants one), where the database stands for the project (its version rows,
// the applied revisions, the pending count) and reviews, all read on the
// session's worker thread. Only the latest reply to each kind of request
// counts: an older one is about another project or connection.
class DatabaseController : public QObject
{
    Q_OBJECT
public:
    // `window` parents the password prompt.
    explicit DatabaseController(QWidget *window);

    DatabaseSession *session() const { return m_session; }
    bool isOpen() const;
    bool isConnecting() const { return m_connecting; }
    bool isBusy() const;
    // Marked production by the profile it was opened from.
    bool isProduction() const { return m_production; }
    // A file name for SQLite (screenshots show the status bar), the
    // connection's display name otherwise; empty when not connected.
    QString name() const;
    QString error() const { return m_error; }
    void setInteractive(bool interactive) { m_interactive = interactive; }

    // Where the database stands, once read.
    bool hasState() const { return m_hasState; }
    const QStringList &currentRows() const { return m_currentRows; }
    const QSet<int> &applied() const { return m_applied; }
    int pendingCount() const { return m_pendingCount; } // -1: unknown

    // `profileShadowUrl`: the shadow_url of the profile it comes from.
    void open(const ConnectionSettings &settings, bool production = false, const QString &profileShadowUrl = {},
        const QString &profileName = {});
    // Where this connection's schema work replays (review, drift, verify,
    // autogenerate): the profile's shadow_url, else the project's, else a
    // private server; SQLite: a temporary file. Without a connection, for
    // the project's migrations on PostgreSQL.
    ShadowOptions shadowOptions(const Project &project) const;
    // The same for a connection of `dialect` opened from the profile called
    // `profileName` (none: empty) whose shadow_url is `profileShadowUrl`.
    static ShadowOptions shadowOptionsFor(
        const Project &project, Dialect dialect, const QString &profileShadowUrl, const QString &profileName);
    // The connection profile the connection was opened from; empty for a URL or a file.
    QString profileName() const { return isOpen() || m_connecting ? m_profileName : QString(); }
    // False (and the reason in error()) for a malformed URL.
    bool openUrl(const QString &url, const QString &projectDirectory);
    void close();
    // Reads the version rows for `project`; stateChanged() follows.
    void refresh(const Project &project);
    // Plans `mode` to `target` for `project`; `done` gets only the latest review.
    void review(const Project &project, ReviewMode mode, const QString &target, QObject *context,
        std::function<void(const Result<Review> &)> done);

    // Reads the history table of `project`'s database.
    void history(
        const Project &project, QObject *context, std::function<void(const Result<QList<HistoryEntry>> &)> done);

signals:
    void opened();
    void stateChanged();
    // The state was read (not cleared).
    void stateRead();
    void statusChanged();
    void idle();
    void info(const QString &text);
    void failed(const QString &text);

private:
    void startOpen(const ConnectionSettings &settings, bool production);
    void handleOpenFailed(const Error &error, bool needsPassword);
    void clearState();

    QWidget *m_window;
    DatabaseSession *m_session;
    bool m_connecting = false;
    QString m_profileShadowUrl;
    QString m_profileName;
    bool m_production = false;
    bool m_interactive = true;
    int m_passwordAttempts = 0;
    int m_stateGeneration = 0;
    int m_reviewGeneration = 0;
    int m_historyGeneration = 0;
    bool m_hasState = false;
    QStringList m_currentRows;
    QSet<int> m_applied;
    int m_pendingCount = -1;
    QString m_error;
};

} // namespace Retort
