#include "replay.h"

#include "exec/alembicrunner.h"
#include "exec/runoutcome.h"

namespace Retort {

ExecutionReport replayMigrations(
    const Project &project, const ConnectionSettings &database, const QString &target, const ExecutionOptions &options)
{
    const auto failed = [](const Error &error) {
        ExecutionReport report;
        report.outcome = ExecutionReport::Outcome::Failed;
        report.failure = StepFailure(error);
        return report;
    };
    Executor executor(project, database, options);
    if (Result<void> opened = executor.open(); !opened)
        return failed(opened.error());
    Result<QStringList> rows = executor.versionRows();
    if (!rows)
        return failed(rows.error());
    Result<MigrationPlan> plan =
        planFromVersionRows(project, *rows, Direction::Upgrade, target, database.displayName());
    if (!plan)
        return failed(plan.error());
    if (project.kind == ProjectKind::Alembic && !plan->isEmpty()) {
        AlembicRunner runner(executor, project);
        return runner.run(*plan, target);
    }
    return executor.run(*plan);
}

} // namespace Retort
