#pragma once

#include "backup/backuprunner.h"
#include "exec/executor.h"
#include "review/databasereview.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <optional>

namespace Retort {

class AlembicRunner;

// What the run dialog asks for: the plan the user reviewed and confirmed,
// and how to run it.
struct RunRequest {
    Project project;
    ConnectionSettings settings; // with the session's password, in memory only
    ReviewMode mode = ReviewMode::Upgrade;
    QString target;
    MigrationPlan reviewedPlan; // what the user saw; versionRowsBefore is where the database was then
    QStringList stampedRows; // for a stamp: the rows the user saw it would leave
    bool backup = false; // a verified backup first; without one nothing runs
    ExecutionOptions options;
};

// How it went. A run that stopped before its first step (no connection,
// the lock, a failed backup, a database that moved since the review) has a
// failure with step -1.
struct RunResult {
    ExecutionReport report;
    MigrationPlan plan; // as run, planned again under the lock
    QStringList stampedRows;
    std::optional<BackupInfo> backup;
    QStringList details; // describeFailure(): where it stopped, what was kept, advice
    qint64 durationMs = 0;
};

// One guided run, from start to end, in the thread that calls execute()
// (a worker thread: the Executor's connections are made and used there).
// It connects under the runner lock, plans again from the version table and
// refuses to go on if that is not the plan the user confirmed, backs up when
// asked (and stops if the backup cannot be made and verified), then runs the
// plan or the stamp. Progress comes as signals, emitted in the worker
// thread; cancel() may be called from any thread.
class RunJob : public QObject
{
    Q_OBJECT
public:
    explicit RunJob(RunRequest request, QObject *parent = nullptr);

    RunResult execute();
    void cancel();

signals:
    void phase(const QString &text);
    void logLine(const QString &text);
    void stepStarted(int step);
    void statementStarted(int step, int statement, int statementCount, int line);
    void stepFinished(int step, qint64 durationMs);

private:
    RunResult stopped(RunResult result, const Error &error, Executor *executor);
    void backUp(Executor &executor, RunResult &result);
    void runPlan(Executor &executor, RunResult &result);

    RunRequest m_request;
    std::atomic_bool m_cancelled = false;
    QMutex m_mutex; // guards the pointers below, which cancel() reaches from another thread
    Executor *m_executor = nullptr;
    BackupRunner *m_backup = nullptr;
    AlembicRunner *m_alembic = nullptr;
};

} // namespace Retort
