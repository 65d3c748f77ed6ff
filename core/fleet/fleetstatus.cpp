#include "fleetstatus.h"

#include "db/versiontable.h"
#include "exec/runoutcome.h"
#include "workerpool.h"

#include <QElapsedTimer>

#include <vector>

namespace Retort {

FleetDatabaseStatus FleetStatus::readOne(const Project &project, const FleetDatabase &database, const QString &target)
{
    FleetDatabaseStatus status;
    QElapsedTimer timer;
    timer.start();
    const Project local = database.projectFor(project);
    Result<VersionRows> rows = VersionTable::read(database.migrationConnection(), local.settings);
    if (!rows) {
        status.error = rows.error().toString();
    } else {
        status.reachable = true;
        status.versionRows = rows->rows;
        Result<MigrationPlan> plan =
            planFromVersionRows(local, rows->rows, Direction::Upgrade, target, database.displayName());
        if (plan)
            status.pending = int(plan->steps.size());
        else
            status.error = plan.error().toString();
    }
    status.durationMs = timer.elapsed();
    return status;
}

QList<FleetDatabaseStatus> FleetStatus::read(
    const Project &project, const QList<FleetDatabase> &databases, const QString &target, int parallel)
{
    // One slot per database, written by one thread each.
    std::vector<FleetDatabaseStatus> statuses(size_t(databases.size()));
    runInParallel(int(databases.size()), parallel,
        [&](int index, int) { statuses[size_t(index)] = readOne(project, databases.at(index), target); });
    return QList<FleetDatabaseStatus>(statuses.begin(), statuses.end());
}

} // namespace Retort
