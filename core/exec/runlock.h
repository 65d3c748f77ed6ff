#pragma once

#include "db/databaseconnection.h"
#include "util/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>

namespace Retort {

class QueryCanceller;

// One runner at a time per database, for a whole run.
//
// PostgreSQL: a session-level advisory lock (classid 1382380658, objid from
// the version table's name) taken by a connection of its own, so that it
// outlives any trouble on the migration connection and is released by the
// server the moment the runner dies. SQLite: the migration connection's
// write lock, kept across transactions by exclusive locking mode.
//
// A runner that finds the lock taken retries, reporting who holds it (from
// pg_stat_activity), until the timeout; without one it waits until the
// lock is free or it is cancelled.
class RunLock
{
public:
    ~RunLock();
    RunLock(const RunLock &) = delete;
    RunLock &operator=(const RunLock &) = delete;

    struct Options {
        QString lockName; // the version table's qualified name: runners of one table exclude each other
        int timeoutMs = -1; // -1: wait until free
        std::function<void(const QString &holder)> waiting; // called when waiting starts and every few seconds
    };
    // `migration` is the migration connection (the SQLite lock lives on it).
    static Result<std::unique_ptr<RunLock>> acquire(
        const ConnectionSettings &settings, QSqlDatabase migration, const Options &options, QueryCanceller &canceller);

    // PostgreSQL: whether the lock is still held (its connection alive).
    Result<void> check();
    // PostgreSQL: the lock's own connection, for writing history rows when
    // the migration connection is lost. Invalid for SQLite.
    QSqlDatabase connection() const;

    // PostgreSQL: the backend pid of the lock's connection, for checking
    // the lock from the migration connection (lock_held_by); 0 for SQLite.
    int backendPid() const { return m_backendPid; }
    int objectIdValue() const { return m_objectId; }
    // PostgreSQL: the lock connection's application_name, "retort-lock/"
    // and a random nonce, so that another process (the Alembic bridge) can
    // tell this very connection in pg_stat_activity.
    QString applicationName() const { return m_applicationName; }

    // The key, for documentation and tests.
    static constexpr int kClassId = 1382380658; // 'Retr'
    static int objectId(const QString &lockName);

private:
    RunLock() = default;
    Result<bool> tryOnce();
    QString holder();

    ConnectionSettings m_settings;
    std::unique_ptr<DatabaseConnection> m_own; // PostgreSQL
    QSqlDatabase m_migration; // SQLite
    int m_objectId = 0;
    int m_backendPid = 0;
    QString m_applicationName;
    bool m_held = false;
    std::unique_ptr<QSqlQuery> m_check; // prepared once: check() runs before every step
};

} // namespace Retort
