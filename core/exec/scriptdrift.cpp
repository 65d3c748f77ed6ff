#include "scriptdrift.h"

#include <QHash>

namespace Retort {

namespace {

HistoryTable historyOf(const Project &project, QSqlDatabase database, Dialect dialect)
{
    return HistoryTable(database, dialect, project.settings.versionTableSchema, project.settings.historyTable);
}

// The last successful upgrade of each revision.
QHash<QString, HistoryEntry> lastUpgrades(const QList<HistoryEntry> &entries)
{
    QHash<QString, HistoryEntry> last;
    for (const HistoryEntry &entry : entries) {
        if (entry.action == HistoryAction::Upgrade && entry.outcome == HistoryOutcome::Succeeded)
            last.insert(entry.revision, entry);
    }
    return last;
}

Result<std::optional<ScriptDrift>> compare(
    const Project &project, Dialect dialect, int revision, const HistoryEntry &ran)
{
    Result<QString> now = migrationScript(project.graph.revision(revision), Direction::Upgrade, dialect);
    if (!now)
        return now.error();
    if (scriptChecksum(*now) == ran.checksum)
        return std::optional<ScriptDrift>();
    return std::optional<ScriptDrift>(ScriptDrift { revision, ran, *now });
}

} // namespace

Result<QList<ScriptDrift>> changedAppliedScripts(
    const Project &project, QSqlDatabase database, Dialect dialect, const QStringList &versionRows)
{
    QList<int> rows;
    for (const QString &row : versionRows) {
        const int index = project.graph.indexOf(row);
        if (index >= 0)
            rows.append(index);
    }
    Result<QList<HistoryEntry>> entries = historyOf(project, database, dialect).entries();
    if (!entries)
        return entries.error();
    const QHash<QString, HistoryEntry> last = lastUpgrades(*entries);
    QList<ScriptDrift> drifts;
    for (int revision : project.graph.ancestors(rows).sorted()) {
        const auto ran = last.constFind(project.graph.revision(revision).id);
        if (ran == last.cend())
            continue;
        Result<std::optional<ScriptDrift>> drift = compare(project, dialect, revision, *ran);
        if (!drift)
            return drift.error();
        if (*drift)
            drifts.append(**drift);
    }
    return drifts;
}

Result<std::optional<ScriptDrift>> scriptDrift(
    const Project &project, QSqlDatabase database, Dialect dialect, int revision)
{
    Result<std::optional<HistoryEntry>> ran =
        historyOf(project, database, dialect).lastApplied(project.graph.revision(revision).id);
    if (!ran)
        return ran.error();
    if (!*ran)
        return std::optional<ScriptDrift>();
    return compare(project, dialect, revision, **ran);
}

} // namespace Retort
