#pragma once

#include "process/processrunner.h"
#include "util/result.h"

#include <QObject>
#include <QStringList>

namespace Retort {

class Executor;

// A verified backup.
struct BackupInfo {
    QString path; // absolute; mode 0600
    qint64 bytes = 0;
    int entries = 0; // archive entries (PostgreSQL) or tables (SQLite) read back while verifying
    QStringList versionRows; // the revisions the database was at
    qint64 durationMs = 0;
    QString tool; // "pg_dump (PostgreSQL) 17.2" or "SQLite VACUUM INTO"
};

// What a restore will do besides putting the backup's objects back: the
// objects the database has and the backup does not (made since the backup,
// or by a downgrade), which it removes so that the database is as it was.
struct RestorePlan {
    QString file;
    QStringList removed; // "TABLE public.audit_log", "SCHEMA billing"...
};

// Backups and restores with the database's own tools, under the runner's
// lock (taken by the Executor whose connection this uses), so no migration
// runs meanwhile and the backup is what the next step starts from.
//
// PostgreSQL: pg_dump in custom format to a timestamped file in the backup
// folder (mode 0600, written under a temporary name and renamed only once
// verified by reading it fully with pg_restore), the password through a
// temporary passfile; restore with pg_restore piped into psql in one
// transaction, so a failed restore changes nothing. SQLite: VACUUM INTO,
// verified by an integrity check; restore copies the backup in within one
// transaction. Both record what they did in the history table.
class BackupRunner : public QObject
{
    Q_OBJECT
public:
    explicit BackupRunner(Executor &executor, QObject *parent = nullptr);

    Result<BackupInfo> backup(const QString &folder);
    Result<RestorePlan> planRestore(const QString &file);
    Result<void> restore(const RestorePlan &plan);

    // From any thread: stops the running tool; nothing is kept.
    void cancel() { m_processes.cancel(); }

    // The version of a PostgreSQL tool ("pg_dump (PostgreSQL) 17.2" -> 1700,
    // 9.6 -> 906), comparable with serverVersionNumber() / 100.
    static int toolVersionNumber(const QString &versionText);
    // "ok" from PRAGMA integrity_check, which reads every page, or the
    // first problem it finds; the number of tables when sound.
    static Result<int> checkSqliteBackup(const QString &path);

signals:
    void phase(const QString &text); // what is happening now, one line
    void progress(const QString &line); // a line from the tool (pg_dump --verbose)

private:
    struct ToolPaths {
        QString pgDump;
        QString pgRestore;
    };
    Result<ToolPaths> backupTools(QString *versionText);
    // Write the backup into `partial`; the number of entries read back.
    Result<int> dumpPostgres(const ToolPaths &tools, const QString &partial, const QString &toolVersion);
    Result<int> dumpSqlite(const QString &partial);
    Result<RestorePlan> planPostgresRestore(const QString &file);
    Result<void> restorePostgres(const RestorePlan &plan);
    Result<void> restoreSqlite(const RestorePlan &plan);
    Result<QString> checkedTool(const QString &name, int serverVersion, QString *versionText);
    Result<int> serverVersion();
    Result<QString> partialFile(const QString &folder, const QString &suffix, QString *finalPath);
    Result<void> finish(const QString &partial, const QString &finalPath);

    Executor &m_executor;
    ProcessRunner m_processes;
};

} // namespace Retort
