#include "driftcheck.h"

#include "diff/linediff.h"
#include "diff/unifieddiff.h"
#include "exec/runoutcome.h"
#include "graph/planner.h"
#include "shadow/schemasnapshot.h"

#include <QCoreApplication>

namespace Retort {

int differingLines(const QString &a, const QString &b)
{
    if (a == b)
        return 0;
    int count = 0;
    // Blank separator lines come and go with the statements around them;
    // they are not schema.
    for (const DiffLine &line : diffLines(diffableLines(a), diffableLines(b)))
        count += line.kind != DiffLine::Same && !line.text.trimmed().isEmpty();
    return count;
}

DriftCheck::DriftCheck(const Project &project, ShadowOptions options, SnapshotCache cache, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_replayer(project, std::move(options), std::move(cache))
{ }

Result<DriftReport> DriftCheck::check(const ConnectionSettings &target, const QStringList &rows, bool findLookAlike)
{
    DriftReport report;
    report.versionRows = rows;
    report.versionRows.sort();
    Result<QString> live = readSchema(target, m_project.settings);
    if (!live)
        return live.error();
    report.live = *live;
    MigrationPlan nothing;
    nothing.versionRowsBefore = report.versionRows;
    SchemaReplay replayed = m_replayer.replay(nothing);
    report.warnings = replayed.warnings;
    if (replayed.failure)
        return replayed.failure->error;
    report.expected = *replayed.schemaBefore;
    report.diff =
        unifiedDiff(report.expected, report.live, tr("revision %1 (replayed)").arg(versionRowsText(report.versionRows)),
            tr("%1 (live)").arg(target.displayName()));
    if (report.drifted() && findLookAlike) {
        Result<LookAlike> found = this->findLookAlike(report.live);
        if (found)
            report.lookAlike = *found;
        else
            report.warnings.append(
                tr("cannot look for the revision this database matches: %1").arg(found.error().toString()));
    }
    return report;
}

Result<LookAlike> DriftCheck::findLookAlike(const QString &live)
{
    Result<MigrationPlan> everything = Planner(m_project.graph).upgrade({}, QStringLiteral("heads"));
    if (!everything)
        return everything.error();
    const SchemaReplay replayed = m_replayer.replay(*everything);
    if (!replayed.schemaBefore)
        return replayed.failure ? replayed.failure->error : Error::at({}, 0, tr("the replay stopped"));
    // States as far as the replay got; a failure part way still leaves
    // the ones before it to compare with.
    LookAlike best;
    best.differingLines = differingLines(*replayed.schemaBefore, live);
    QString bestSchema = *replayed.schemaBefore;
    for (int i = 0; i < replayed.schemaAfter.size() && best.differingLines > 0; ++i) {
        const int lines = differingLines(replayed.schemaAfter.at(i), live);
        if (lines < best.differingLines) {
            best.differingLines = lines;
            best.versionRows = everything->steps.at(i).versionRowsAfter;
            bestSchema = replayed.schemaAfter.at(i);
        }
    }
    best.diff = unifiedDiff(bestSchema, live, tr("revision %1 (replayed)").arg(versionRowsText(best.versionRows)),
        tr("the database (live)"));
    return best;
}

} // namespace Retort
