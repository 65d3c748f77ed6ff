#pragma once

#include "exec/executor.h"
#include "fleetdatabase.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <memory>
#include <vector>

namespace Retort {

class AlembicRunner;

struct FleetRunOptions {
    QString target = QStringLiteral("heads");
    int parallel = 1; // databases migrated at once
    int canary = 0; // the first K databases run first; if one fails, the rest do not start
    bool stopOnFailure = true; // false: --continue, the others go on after a failure
    ExecutionOptions execution;
};

// One database's part of a fleet run, as it goes.
struct FleetDatabaseRun {
    enum class State {
        Waiting, // not started yet
        Running,
        UpToDate, // already at the target: nothing ran (a rerun skips it)
        Upgraded,
        Failed,
        Skipped, // not started: a canary or (with stop-on-failure) another database failed, or cancelled
        Cancelled, // stopped part way by a cancel; at its last completed revision
    };
    State state = State::Waiting;
    bool canary = false;
    QStringList before; // version rows when it started
    QStringList after; // version rows when it ended (read back)
    int stepsTotal = 0;
    int stepsDone = 0;
    QString runningRevision; // while Running
    qint64 durationMs = 0;
    QString error; // Failed, Skipped, Cancelled: why
    QStringList log; // what happened, line by line: steps, notices, the failure explained

    bool finished() const { return state != State::Waiting && state != State::Running; }
    bool failed() const { return state == State::Failed || state == State::Cancelled; }
};

QString fleetStateName(FleetDatabaseRun::State state); // "up-to-date", "upgraded"... (JSON, tests)

// `upgrade --fleet`: one target on every database of a fleet. The canary
// databases (the first K) run first; if any fails, the rest do not start.
// Then the others, N at a time, each on a worker thread with its own
// Executor: its own connection, its own runner lock, each migration in its
// own transaction, so a database that fails or is killed stays at its last
// completed revision. A database already at the target runs nothing; a
// failure stops new databases from starting (stop-on-failure) or not
// (continue). Progress is reported through changed(), from the worker
// threads; snapshot() is safe from any thread.
class FleetRunner : public QObject
{
    Q_OBJECT
public:
    FleetRunner(
        const Project &project, QList<FleetDatabase> databases, FleetRunOptions options, QObject *parent = nullptr);
    ~FleetRunner() override;

    // Runs the fleet; blocks until every started database has finished.
    QList<FleetDatabaseRun> run();
    // Stops the run: running migrations are cancelled and rolled back, no
    // database starts. Thread-safe; not for a signal handler (it takes a
    // mutex).
    void cancel();

    const QList<FleetDatabase> &databases() const { return m_databases; }
    QList<FleetDatabaseRun> snapshot() const;
    FleetDatabaseRun snapshot(int index) const;

signals:
    void changed(int index); // emitted from a worker thread

private:
    void runOne(int index, int worker);
    template<typename Runner>
    void occupySlot(std::vector<Runner *> &workerSlots, int worker, Runner *runner);
    void update(int index, const std::function<void(FleetDatabaseRun &)> &change);
    void skipWaiting(const QString &reason);

    const Project &m_project;
    QList<FleetDatabase> m_databases;
    FleetRunOptions m_options;
    mutable QMutex m_mutex;
    QList<FleetDatabaseRun> m_runs;
    std::atomic<bool> m_stop { false };
    std::atomic<bool> m_cancelled { false };
    // One slot per worker thread: what cancel() must reach. A worker fills
    // and empties its slot under m_slotMutex, and cancel() holds it while it
    // calls in, so a worker cannot destroy its executor half way through a
    // cancel.
    QMutex m_slotMutex;
    std::vector<Executor *> m_executors;
    std::vector<AlembicRunner *> m_alembics;
};

} // namespace Retort
