#pragma once

#include "db/pipeline.h"
#include "project/revision.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <memory>
#include <optional>

namespace Retort {

// What a history row records.
enum class HistoryAction { Upgrade, Downgrade, Stamp, Backup, Restore };
// How it ended. Running is written before a non-transactional migration
// starts and replaced when it ends, so a run killed half way leaves a trace.
enum class HistoryOutcome { Succeeded, Failed, Cancelled, Running };

QString historyActionName(HistoryAction action); // "upgrade", "downgrade", "stamp", "backup", "restore"
QString historyOutcomeName(HistoryOutcome outcome); // "succeeded", "failed", "cancelled", "running"
std::optional<HistoryAction> historyActionFromName(const QString &name);
std::optional<HistoryOutcome> historyOutcomeFromName(const QString &name);

// One row of the history table (DESIGN.md, "retort_history").
struct HistoryEntry {
    qint64 id = 0;
    QString revision; // the revision; for a stamp its target, for a backup the heads at the time
    HistoryAction action = HistoryAction::Upgrade;
    HistoryOutcome outcome = HistoryOutcome::Succeeded;
    QString checksum; // scriptChecksum(script); empty when no script ran
    QString script; // exactly what ran (see migrationScript); for a backup, empty
    QString scriptPath; // the revision file (or backup file) as the runner saw it
    QStringList versionAfter; // the version table's rows after the step
    QString databaseUser; // PostgreSQL's current_user; empty for SQLite
    QString osUser; // "user@host" of the runner
    QDateTime startedAt; // UTC
    qint64 durationMs = -1; // -1: unknown (still running or killed)
    int statementsDone = -1; // for non-transactional steps: statements that completed
    QString error; // the failure, when there was one
    QString toolVersion; // "retort 0.1.0"

    bool operator==(const HistoryEntry &) const = default;
};

// The text of a migration as Retort runs it and records it: the section of
// a native revision for the direction and dialect (line endings as "\n",
// surrounding blank space dropped), or an Alembic revision's whole file.
// Empty when there is nothing to run (no downgrade section).
Result<QString> migrationScript(const Revision &revision, Direction direction, Dialect dialect);
// SHA-256 of the script's UTF-8 bytes, as 64 lower-case hex digits. Two
// scripts that differ only in line endings or in blank space around them
// have the same checksum, since migrationScript() normalised both.
QString scriptChecksum(const QString &script);
// The runner's identity for the os_user column: "user@host".
QString currentOsUser();

// The history table of one database: created when missing, written as
// steps run, read by status, check, show --diff and the desktop views.
// Every call runs on `database` in the calling thread; the caller decides
// the transaction (a step's row is written in the step's own transaction).
class HistoryTable
{
public:
    // The history's name in Retort's schema for a version table in
    // `schema`: one history per version table, so tenants whose version
    // tables share a database (one schema each) never read each other's
    // runs. The default schema (none configured, or public) keeps `table`.
    static QString retortTableName(Dialect dialect, const QString &schema, const QString &table);

    HistoryTable(QSqlDatabase database, Dialect dialect, const QString &schema, const QString &table);

    // Quoted, qualified name, for messages and for resource SQL.
    QString qualifiedName() const { return m_qualifiedName; }

    Result<bool> exists() const;
    Result<void> createIfMissing() const;
    // Inserts `entry` (its id is ignored) and returns the new id.
    Result<qint64> record(const HistoryEntry &entry) const;
    // Ends a row recorded as Running.
    Result<void> finish(qint64 id, HistoryOutcome outcome, qint64 durationMs, int statementsDone, const QString &error,
        const QStringList &versionAfter) const;

    // record() as a query for a pipeline (PostgreSQL): the start and
    // duration are the server's, from the step's transaction.
    PipelinedQuery stepRecordQuery(const HistoryEntry &entry) const;

    // Every row, oldest first; empty when the table does not exist yet.
    Result<QList<HistoryEntry>> entries() const;
    Result<QList<HistoryEntry>> entries(const QString &revision) const;
    // The last successful upgrade of `revision`: what the database's copy
    // of that revision was built from. None when Retort never ran it (for
    // instance when it was stamped or applied by Alembic).
    Result<std::optional<HistoryEntry>> lastApplied(const QString &revision) const;

private:
    QString sql(const QString &name) const;
    Result<QList<HistoryEntry>> select(const QString &resource, const QString &revision) const;
    // The statement `name`, prepared once and kept: a run records a row per
    // step, and preparing each time would cost two more round trips a step.
    Result<QSqlQuery *> prepared(std::unique_ptr<QSqlQuery> &slot, const QString &name) const;

    QSqlDatabase m_database;
    Dialect m_dialect;
    QString m_schema;
    QString m_table; // the configured name: where an older Retort kept it
    QString m_retortTable; // its name in Retort's schema
    QString m_qualifiedName;
    mutable std::unique_ptr<QSqlQuery> m_insert;
    mutable std::unique_ptr<QSqlQuery> m_finish;
};

} // namespace Retort
