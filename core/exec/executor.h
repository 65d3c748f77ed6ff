#pragma once

#include "db/connectionsettings.h"
#include "db/historytable.h"
#include "exec/preparedstep.h"
#include "exec/querycanceller.h"
#include "graph/plan.h"
#include "project/project.h"
#include "util/result.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Retort {

class DatabaseConnection;
class RunLock;
class VersionTableWriter;

struct ExecutionOptions {
    // How long to wait for another runner's lock, and PostgreSQL's
    // lock_timeout for the migrations' statements; -1: wait for the runner
    // lock until it is free, and keep the server's lock_timeout.
    int lockTimeoutMs = -1;
    // PostgreSQL's statement_timeout for the migrations; -1: the server's.
    int statementTimeoutMs = -1;
    // Run again a non-transactional migration whose last run did not finish
    // (the user checked what its completed statements left behind).
    bool retryIncomplete = false;
    QString toolVersion; // recorded in the history: "retort 0.1.0"
};

// Why a run stopped, with everything a message needs: the file and line of
// the failing statement, the server's message and SQLSTATE (in `error`),
// and for a non-transactional migration which statements already ran.
struct StepFailure {
    StepFailure() = default;
    explicit StepFailure(Error e)
        : error(std::move(e))
    { }

    Error error; // file, line, revision, sqlState; message is the server's (or Retort's) own
    int step = -1; // index in the plan; -1 when the run stopped before the first step
    int statementIndex = -1; // 0-based; -1 when not in a statement (e.g. at COMMIT)
    int statementCount = 0;
    QString statement; // the failing statement's text
    bool transactional = true;
    bool badInput = false; // a revision file at fault (found before anything ran), not the database
    // Told whole after the rest, e.g. the Python traceback of an Alembic
    // failure (the project's own frames), one line each.
    QStringList details;
    QList<int> completedStatementLines; // non-transactional: statements that ran and stay, by line
    QStringList advice; // what to do next, one sentence each
};

struct ExecutionReport {
    enum class Outcome { Completed, Failed, Cancelled };
    Outcome outcome = Outcome::Completed;
    int stepsCompleted = 0;
    // The version table as read back after the run: what the database is at.
    QStringList versionRows;
    bool versionRowsKnown = true; // false when the server could not be asked
    std::optional<StepFailure> failure; // set unless Completed (a cancel names where it stopped)

    bool ok() const { return outcome == Outcome::Completed; }
};

// Runs migration plans against one database: one step at a time, each in
// its own transaction together with its version-table update and history
// row, under the runner lock (see RunLock). A step that fails is rolled
// back and the run stops, so the database is always at the last completed
// revision. Non-transactional steps (transactional: false) run statement by
// statement in autocommit; their history row is written first, marked
// running, and counts completed statements, so a failure or a kill leaves a
// record of exactly what ran, and the next run refuses to repeat it blindly.
//
// Create and use an Executor in one thread (a worker thread in the GUI; the
// connections are that thread's). cancel() is the exception: any thread
// may call it.
class Executor : public QObject
{
    Q_OBJECT
public:
    Executor(const Project &project, const ConnectionSettings &settings, const ExecutionOptions &options,
        QObject *parent = nullptr);
    ~Executor() override;

    // Connects and takes the runner lock (reporting lockWaiting while
    // another run holds it), then applies the per-run timeouts.
    Result<void> open();
    // The version table's rows, sorted, read under the lock: what a plan
    // must start from.
    Result<QStringList> versionRows();
    // Releases the lock and disconnects (the destructor does too).
    void close();
    // Runs `plan`, which must start from versionRows(); every step is
    // prepared and checked before the first one runs.
    ExecutionReport run(const MigrationPlan &plan);
    // Sets the version table from `before` to `after` without running
    // anything, and records it (Alembic's stamp). `target` names it in the
    // history.
    Result<void> stamp(const QStringList &before, const QStringList &after, const QString &target);
    // Records a backup or restore in the history table.
    // Creates the history table if it is missing, one runner at a time
    // (see ensureTables()): what writes history outside a run needs first.
    Result<void> ensureHistoryTable();
    Result<void> recordEvent(HistoryAction action, HistoryOutcome outcome, const QString &path, qint64 durationMs,
        const QString &error = {});

    // Stops the run as soon as possible: the running statement is cancelled
    // (PostgreSQL; SQLite stops before the next statement), its migration
    // rolled back, and no further step starts. Thread-safe.
    void cancel() { m_canceller.cancel(); }
    bool isCancelled() const { return m_canceller.isCancelled(); }

    const ConnectionSettings &settings() const { return m_settings; }
    // The migration connection, for work done under the lock (backups).
    QSqlDatabase database() const;
    // The runner lock, held between open() and close(); null otherwise.
    const RunLock *runLock() const { return m_lock.get(); }

signals:
    void lockWaiting(const QString &holder);
    void stepStarted(int step);
    void statementStarted(int step, int statement, int statementCount, int line);
    void stepFinished(int step, qint64 durationMs);
    void notice(const QString &text);

private:
    ExecutionReport fail(ExecutionReport report, StepFailure failure);
    Result<void> ensureTables();
    // Runs `create` in a transaction of its own under the session lock on
    // Retort's schema (PostgreSQL), so that two runners never create it at
    // once.
    Result<void> createUnderSchemaLock(const std::function<Result<void>()> &create);
    Result<void> checkIncomplete(const QList<PreparedStep> &steps);
    std::optional<StepFailure> runTransactional(int index, const PreparedStep &step);
    std::optional<StepFailure> runAutocommit(int index, const PreparedStep &step);
    std::optional<StepFailure> runPipelined(int index, const PreparedStep &step);
    // Rolls a transactional step back (when the connection still stands)
    // and records its failure.
    StepFailure abandonTransaction(const PreparedStep &step, StepFailure failure, qint64 durationMs);
    StepFailure statementFailure(const PreparedStep &step, int statementIndex, const QSqlError &error);
    StepFailure statementFailure(const PreparedStep &step, int statementIndex, Error error, int lineInStatement);
    HistoryEntry historyEntry(const PreparedStep &step, HistoryOutcome outcome) const;
    void recordFailure(const PreparedStep &step, const StepFailure &failure, qint64 durationMs);
    void readBack(ExecutionReport &report);
    QStringList invalidIndexes();

    const Project &m_project;
    ConnectionSettings m_settings;
    ExecutionOptions m_options;
    QueryCanceller m_canceller;
    std::unique_ptr<DatabaseConnection> m_connection;
    std::unique_ptr<RunLock> m_lock;
    std::unique_ptr<VersionTableWriter> m_versions;
    std::unique_ptr<HistoryTable> m_history;
    QString m_osUser;
    std::function<void(const QString &)> m_noticeReceiver;
    QDateTime m_stepStart;
};

} // namespace Retort
