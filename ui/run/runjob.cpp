#include "runjob.h"

#include "exec/alembicrunner.h"
#include "exec/runoutcome.h"
#include "graph/stampplanner.h"

#include <QElapsedTimer>
#include <QMutexLocker>

namespace Retort {

namespace {

// Keeps a pointer that cancel() may use set for a scope.
template<typename T>
class Published
{
public:
    Published(QMutex &mutex, T *&slot, T *value)
        : m_mutex(mutex)
        , m_slot(slot)
    {
        const QMutexLocker lock(&m_mutex);
        m_slot = value;
    }
    ~Published()
    {
        const QMutexLocker lock(&m_mutex);
        m_slot = nullptr;
    }
    Published(const Published &) = delete;
    Published &operator=(const Published &) = delete;

private:
    QMutex &m_mutex;
    T *&m_slot;
};

bool sameSteps(const MigrationPlan &a, const MigrationPlan &b)
{
    if (a.direction != b.direction || a.versionRowsBefore != b.versionRowsBefore || a.steps.size() != b.steps.size())
        return false;
    for (qsizetype i = 0; i < a.steps.size(); ++i) {
        const PlanStep &x = a.steps.at(i);
        const PlanStep &y = b.steps.at(i);
        if (x.revision != y.revision || x.direction != y.direction || x.versionRowsAfter != y.versionRowsAfter)
            return false;
    }
    return true;
}

} // namespace

RunJob::RunJob(RunRequest request, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
{ }

void RunJob::cancel()
{
    m_cancelled = true;
    const QMutexLocker lock(&m_mutex);
    if (m_executor)
        m_executor->cancel();
    if (m_backup)
        m_backup->cancel();
    if (m_alembic)
        m_alembic->cancel();
}

RunResult RunJob::stopped(RunResult result, const Error &error, Executor *executor)
{
    result.report.outcome = m_cancelled ? ExecutionReport::Outcome::Cancelled : ExecutionReport::Outcome::Failed;
    result.report.failure = StepFailure(error);
    result.report.versionRowsKnown = false;
    if (executor) {
        if (Result<QStringList> rows = executor->versionRows()) {
            result.report.versionRows = *rows;
            result.report.versionRowsKnown = true;
        }
    }
    result.details = describeFailure(m_request.project, result.plan, result.report);
    return result;
}

RunResult RunJob::execute()
{
    QElapsedTimer clock;
    clock.start();
    RunResult result;
    result.plan = m_request.reviewedPlan;
    const Project &project = m_request.project;
    const ConnectionSettings &settings = m_request.settings;

    Executor executor(project, settings, m_request.options);
    connect(
        &executor, &Executor::lockWaiting, this,
        [this](const QString &holder) { emit phase(tr("Waiting for the migration lock: %1").arg(holder)); },
        Qt::DirectConnection);
    connect(&executor, &Executor::notice, this, &RunJob::logLine, Qt::DirectConnection);
    connect(&executor, &Executor::stepStarted, this, &RunJob::stepStarted, Qt::DirectConnection);
    connect(&executor, &Executor::statementStarted, this, &RunJob::statementStarted, Qt::DirectConnection);
    connect(&executor, &Executor::stepFinished, this, &RunJob::stepFinished, Qt::DirectConnection);
    const Published published(m_mutex, m_executor, &executor);

    emit phase(tr("Connecting to %1 and taking the migration lock…").arg(settings.displayName()));
    if (m_cancelled)
        return stopped(result, Error::at({}, 0, tr("cancelled before anything ran")), nullptr);
    if (Result<void> opened = executor.open(); !opened)
        return stopped(result, opened.error(), nullptr);

    // Under the lock, the database cannot move any more: plan again from
    // what it holds now, and go on only if that is what the user confirmed.
    Result<QStringList> rows = executor.versionRows();
    if (!rows)
        return stopped(result, rows.error(), &executor);
    const QString name = settings.displayName();
    const Error changed = Error::at({}, 0,
        tr("%1 changed since the plan was shown: it is now at %2, not %3. Nothing was run; review the plan again.")
            .arg(name, versionRowsText(*rows), versionRowsText(m_request.reviewedPlan.versionRowsBefore)));
    if (m_request.mode == ReviewMode::Stamp) {
        Result<QStringList> after = StampPlanner(project.graph).stamp(*rows, { m_request.target }, false);
        if (!after)
            return stopped(result, after.error(), &executor);
        if (*rows != m_request.reviewedPlan.versionRowsBefore || *after != m_request.stampedRows)
            return stopped(result, changed, &executor);
        result.plan.versionRowsBefore = *rows;
        result.stampedRows = *after;
    } else {
        const Direction direction = m_request.mode == ReviewMode::Upgrade ? Direction::Upgrade : Direction::Downgrade;
        Result<MigrationPlan> plan = planFromVersionRows(project, *rows, direction, m_request.target, name);
        if (!plan)
            return stopped(result, plan.error(), &executor);
        if (!sameSteps(*plan, m_request.reviewedPlan))
            return stopped(result, changed, &executor);
        result.plan = *plan;
    }

    if (m_request.backup) {
        backUp(executor, result);
        if (!result.backup)
            return result;
    }
    if (m_cancelled)
        return stopped(result, Error::at({}, 0, tr("cancelled before anything ran")), &executor);

    if (m_request.mode == ReviewMode::Stamp) {
        emit phase(tr("Stamping…"));
        if (Result<void> stamped = executor.stamp(*rows, result.stampedRows, m_request.target); !stamped)
            return stopped(result, stamped.error(), &executor);
        result.report.versionRows = result.stampedRows;
    } else {
        runPlan(executor, result);
    }
    result.durationMs = clock.elapsed();
    return result;
}

void RunJob::backUp(Executor &executor, RunResult &result)
{
    BackupRunner backups(executor);
    connect(&backups, &BackupRunner::phase, this, &RunJob::phase, Qt::DirectConnection);
    connect(&backups, &BackupRunner::progress, this, &RunJob::logLine, Qt::DirectConnection);
    const Published published(m_mutex, m_backup, &backups);
    emit phase(tr("Backing up %1…").arg(m_request.settings.displayName()));
    Result<BackupInfo> made = m_cancelled ? Result<BackupInfo>(Error::at({}, 0, tr("cancelled")))
                                          : backups.backup(m_request.project.backupFolder());
    if (!made) {
        Error error = made.error();
        error.message = tr("nothing ran, since the backup before it failed: %1").arg(error.message);
        result = stopped(result, error, &executor);
        return;
    }
    result.backup = *made;
    emit logLine(tr("Backed up to %1 (%2 entries, verified).").arg(made->path).arg(made->entries));
}

void RunJob::runPlan(Executor &executor, RunResult &result)
{
    const Project &project = m_request.project;
    if (project.kind == ProjectKind::Alembic && !result.plan.isEmpty()) {
        // Alembic runs an Alembic project's Python migrations, under our lock.
        AlembicRunner alembic(executor, project);
        connect(&alembic, &AlembicRunner::output, this, &RunJob::logLine, Qt::DirectConnection);
        connect(&alembic, &AlembicRunner::stepStarted, this, &RunJob::stepStarted, Qt::DirectConnection);
        connect(&alembic, &AlembicRunner::stepFinished, this, &RunJob::stepFinished, Qt::DirectConnection);
        const Published published(m_mutex, m_alembic, &alembic);
        emit phase(tr("Running Alembic…"));
        result.report = alembic.run(result.plan, m_request.target);
    } else {
        emit phase(tr("Running…"));
        result.report = executor.run(result.plan);
    }
    if (!result.report.ok())
        result.details = describeFailure(project, result.plan, result.report);
}

} // namespace Retort
