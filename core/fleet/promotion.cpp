#include "promotion.h"

#include "db/databaseconnection.h"
#include "db/historytable.h"
#include "db/versiontable.h"
#include "exec/runoutcome.h"
#include "exec/scriptdrift.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Promotion", text);
}

} // namespace

Result<PromotionCheck> checkPromotion(
    const Project &project, const ConnectionSettings &source, const ConnectionSettings &target)
{
    PromotionCheck check;
    Result<VersionRows> targetRows = VersionTable::read(target, project.settings);
    if (!targetRows)
        return targetRows.error();
    check.targetRows = targetRows->rows;
    auto connection = DatabaseConnection::open(source);
    if (!connection)
        return connection.error();
    const QSqlDatabase sourceDb = (*connection)->database();
    Result<VersionRows> sourceRows = VersionTable::read(sourceDb, source.dialect, project.settings);
    if (!sourceRows)
        return sourceRows.error();
    check.sourceRows = sourceRows->rows;
    if (check.sourceRows.isEmpty()) {
        check.refusal = tr("%1 is at base: there is nothing to promote").arg(source.displayName());
        return check;
    }
    if (check.sourceRows.size() > 1) {
        check.refusal = tr("%1 stands on several heads (%2): promote one at a time, by upgrading to a revision")
                            .arg(source.displayName(), versionRowsText(check.sourceRows));
        return check;
    }
    check.target = check.sourceRows.first();
    Result<MigrationPlan> plan =
        planFromVersionRows(project, check.targetRows, Direction::Upgrade, check.target, target.displayName());
    if (!plan) {
        check.refusal = plan.error().toString();
        return check;
    }
    check.plan = *plan;
    if (check.plan.isEmpty()) {
        check.refusal = tr("%1 is already at %2").arg(target.displayName(), check.target);
        return check;
    }
    const HistoryTable history(
        sourceDb, source.dialect, project.settings.versionTableSchema, project.settings.historyTable);
    Result<bool> recorded = history.exists();
    if (!recorded)
        return recorded.error();
    for (const PlanStep &step : std::as_const(check.plan.steps)) {
        const QString id = project.graph.revision(step.revision).id;
        if (!*recorded) {
            check.unrecorded.append(id);
            continue;
        }
        Result<std::optional<HistoryEntry>> ran = history.lastApplied(id);
        if (!ran)
            return ran.error();
        if (!*ran) {
            check.unrecorded.append(id);
            continue;
        }
        Result<std::optional<ScriptDrift>> drift = scriptDrift(project, sourceDb, source.dialect, step.revision);
        if (!drift)
            return drift.error();
        if (*drift)
            check.changed.append(id);
    }
    if (!check.changed.isEmpty()) {
        check.refusal = tr("the files of %1 changed since they ran on %2: what was tested is not what would run")
                            .arg(check.changed.join(QLatin1String(", ")), source.displayName());
    } else if (!check.unrecorded.isEmpty()) {
        check.refusal = tr("%1 has no recorded run of %2 (stamped, or migrated by another tool): Retort cannot tell "
                           "that what ran there is what would run")
                            .arg(source.displayName(), check.unrecorded.join(QLatin1String(", ")));
    }
    return check;
}

} // namespace Retort
