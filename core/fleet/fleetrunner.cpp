#include "fleetrunner.h"

#include "exec/alembicrunner.h"
#include "exec/runoutcome.h"
#include "workerpool.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QScopeGuard>

namespace Retort {

QString fleetStateName(FleetDatabaseRun::State state)
{
    switch (state) {
    case FleetDatabaseRun::State::Waiting:
        return QStringLiteral("waiting");
    case FleetDatabaseRun::State::Running:
        return QStringLiteral("running");
    case FleetDatabaseRun::State::UpToDate:
        return QStringLiteral("up-to-date");
    case FleetDatabaseRun::State::Upgraded:
        return QStringLiteral("upgraded");
    case FleetDatabaseRun::State::Failed:
        return QStringLiteral("failed");
    case FleetDatabaseRun::State::Skipped:
        return QStringLiteral("skipped");
    case FleetDatabaseRun::State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

FleetRunner::FleetRunner(
    const Project &project, QList<FleetDatabase> databases, FleetRunOptions options, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_databases(std::move(databases))
    , m_options(std::move(options))
    , m_runs(m_databases.size())
{
    const auto workers = size_t(qMax(1, m_options.parallel));
    m_executors.assign(workers, nullptr);
    m_alembics.assign(workers, nullptr);
    const int canaries = qBound(0, m_options.canary, int(m_databases.size()));
    for (int i = 0; i < canaries; ++i)
        m_runs[i].canary = true;
}

FleetRunner::~FleetRunner() = default;

QList<FleetDatabaseRun> FleetRunner::snapshot() const
{
    const QMutexLocker locker(&m_mutex);
    return m_runs;
}

FleetDatabaseRun FleetRunner::snapshot(int index) const
{
    const QMutexLocker locker(&m_mutex);
    return m_runs.value(index);
}

void FleetRunner::update(int index, const std::function<void(FleetDatabaseRun &)> &change)
{
    {
        const QMutexLocker locker(&m_mutex);
        change(m_runs[index]);
    }
    emit changed(index);
}

void FleetRunner::cancel()
{
    const QMutexLocker locker(&m_slotMutex);
    m_cancelled.store(true);
    m_stop.store(true);
    for (Executor *executor : m_executors) {
        if (executor)
            executor->cancel();
    }
    for (AlembicRunner *alembic : m_alembics) {
        if (alembic)
            alembic->cancel();
    }
}

template<typename Runner>
void FleetRunner::occupySlot(std::vector<Runner *> &workerSlots, int worker, Runner *runner)
{
    const QMutexLocker locker(&m_slotMutex);
    workerSlots[size_t(worker)] = runner;
    // A cancel that came before this runner existed did not reach it.
    if (runner && m_cancelled.load())
        runner->cancel();
}

void FleetRunner::skipWaiting(const QString &reason)
{
    for (int i = 0; i < m_runs.size(); ++i) {
        if (snapshot(i).state != FleetDatabaseRun::State::Waiting)
            continue;
        update(i, [&](FleetDatabaseRun &run) {
            run.state = FleetDatabaseRun::State::Skipped;
            run.error = reason;
        });
    }
}

QList<FleetDatabaseRun> FleetRunner::run()
{
    const int canaries = qBound(0, m_options.canary, int(m_databases.size()));
    const auto job = [this](int index, int worker) { runOne(index, worker); };
    if (canaries > 0) {
        runInParallel(canaries, m_options.parallel, job, &m_stop);
        bool canaryFailed = false;
        for (int i = 0; i < canaries; ++i)
            canaryFailed = canaryFailed || snapshot(i).failed();
        if (canaryFailed)
            m_stop.store(true);
    }
    const int rest = int(m_databases.size()) - canaries;
    if (!m_stop.load()) {
        runInParallel(
            rest, m_options.parallel, [&](int index, int worker) { job(canaries + index, worker); }, &m_stop);
    }
    if (m_cancelled.load()) {
        skipWaiting(tr("not started: the run was cancelled"));
    } else {
        bool canaryFailed = false;
        for (int i = 0; i < canaries; ++i)
            canaryFailed = canaryFailed || snapshot(i).failed();
        skipWaiting(canaryFailed ? tr("not started: a canary database failed")
                                 : tr("not started: another database failed (stop on failure)"));
    }
    return snapshot();
}

void FleetRunner::runOne(int index, int worker)
{
    const FleetDatabase &database = m_databases.at(index);
    QElapsedTimer timer;
    timer.start();
    const auto log = [&](const QString &line) { update(index, [&](FleetDatabaseRun &run) { run.log.append(line); }); };
    update(index, [&](FleetDatabaseRun &run) {
        run.state = FleetDatabaseRun::State::Running;
        run.log.append(tr("connecting to %1").arg(database.migrationConnection().displayName()));
    });
    const auto finish = [&](FleetDatabaseRun::State state, const QString &error) {
        update(index, [&](FleetDatabaseRun &run) {
            run.state = state;
            run.error = error;
            run.runningRevision.clear();
            run.durationMs = timer.elapsed();
            if (!error.isEmpty())
                run.log.append(error);
        });
        // Stop-on-failure: no database starts after this one failed. A
        // canary failure stops the rest whatever was chosen (run() sees it).
        if ((state == FleetDatabaseRun::State::Failed || state == FleetDatabaseRun::State::Cancelled) &&
            m_options.stopOnFailure)
            m_stop.store(true);
    };

    const Project project = database.projectFor(m_project);
    Executor executor(project, database.migrationConnection(), m_options.execution);
    connect(
        &executor, &Executor::lockWaiting, &executor,
        [&](const QString &holder) { log(tr("waiting for the migration lock: %1").arg(holder)); },
        Qt::DirectConnection);
    connect(&executor, &Executor::notice, &executor, log, Qt::DirectConnection);
    occupySlot(m_executors, worker, &executor);
    const auto release = qScopeGuard([&] { occupySlot<Executor>(m_executors, worker, nullptr); });

    if (Result<void> opened = executor.open(); !opened) {
        finish(executor.isCancelled() ? FleetDatabaseRun::State::Cancelled : FleetDatabaseRun::State::Failed,
            opened.error().toString());
        return;
    }
    Result<QStringList> rows = executor.versionRows();
    if (!rows) {
        finish(FleetDatabaseRun::State::Failed, rows.error().toString());
        return;
    }
    update(index, [&](FleetDatabaseRun &run) { run.before = run.after = *rows; });
    Result<MigrationPlan> plan =
        planFromVersionRows(project, *rows, Direction::Upgrade, m_options.target, database.displayName());
    if (!plan) {
        finish(FleetDatabaseRun::State::Failed, plan.error().toString());
        return;
    }
    if (plan->isEmpty()) {
        log(tr("already at %1").arg(versionRowsText(*rows)));
        finish(FleetDatabaseRun::State::UpToDate, {});
        return;
    }
    update(index, [&](FleetDatabaseRun &run) { run.stepsTotal = int(plan->steps.size()); });
    // Each step as it starts and ends, whether Retort runs it or Alembic does.
    const auto stepStarted = [&](int step) {
        const QString id = project.graph.revision(plan->steps.at(step).revision).id;
        update(index, [&](FleetDatabaseRun &run) {
            run.runningRevision = id;
            run.log.append(tr("running %1").arg(id));
        });
    };
    const auto stepFinished = [&](int step, qint64 ms) {
        const QString id = project.graph.revision(plan->steps.at(step).revision).id;
        update(index, [&](FleetDatabaseRun &run) {
            ++run.stepsDone;
            run.log.append(tr("%1 done in %2").arg(id, formatDuration(ms)));
        });
    };

    ExecutionReport report;
    if (project.kind == ProjectKind::Alembic) {
        AlembicRunner alembic(executor, project);
        connect(&alembic, &AlembicRunner::output, &alembic, log, Qt::DirectConnection);
        connect(&alembic, &AlembicRunner::stepStarted, &alembic, stepStarted, Qt::DirectConnection);
        connect(&alembic, &AlembicRunner::stepFinished, &alembic, stepFinished, Qt::DirectConnection);
        occupySlot(m_alembics, worker, &alembic);
        const auto releaseAlembic = qScopeGuard([&] { occupySlot<AlembicRunner>(m_alembics, worker, nullptr); });
        report = alembic.run(*plan, m_options.target);
    } else {
        connect(&executor, &Executor::stepStarted, &executor, stepStarted, Qt::DirectConnection);
        connect(&executor, &Executor::stepFinished, &executor, stepFinished, Qt::DirectConnection);
        report = executor.run(*plan);
    }
    update(index, [&](FleetDatabaseRun &run) {
        if (report.versionRowsKnown)
            run.after = report.versionRows;
        if (project.kind == ProjectKind::Alembic)
            run.stepsDone = report.stepsCompleted;
    });
    if (report.ok()) {
        finish(FleetDatabaseRun::State::Upgraded, {});
        return;
    }
    for (const QString &line : describeFailure(project, *plan, report))
        log(line);
    finish(report.outcome == ExecutionReport::Outcome::Cancelled ? FleetDatabaseRun::State::Cancelled
                                                                 : FleetDatabaseRun::State::Failed,
        report.failure ? report.failure->error.toString() : tr("the run failed"));
}

} // namespace Retort
