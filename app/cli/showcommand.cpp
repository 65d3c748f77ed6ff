#include "clicommand.h"
#include "databasestate.h"
#include "diff/unifieddiff.h"
#include "exec/scriptdrift.h"
#include "graph/targetresolver.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"
#include "runsupport.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

namespace {

// show --diff: what ran (from the history) against the file now.
int printDrift(CliContext &context, const Project &project, const QList<int> &revisions)
{
    Result<std::unique_ptr<DatabaseConnection>> connection = openForReading(context);
    if (!connection)
        return context.fail(connection.error(), ExitFailed);
    QJsonArray array;
    for (int index : revisions) {
        const Revision &revision = project.graph.revision(index);
        std::optional<ScriptDrift> drift;
        std::optional<HistoryEntry> ran;
        if (*connection) {
            Result<std::optional<ScriptDrift>> found =
                scriptDrift(project, (*connection)->database(), (*connection)->dialect(), index);
            if (!found)
                return context.fail(found.error(), ExitFailed);
            drift = *found;
            const HistoryTable history((*connection)->database(), (*connection)->dialect(),
                project.settings.versionTableSchema, project.settings.historyTable);
            Result<std::optional<HistoryEntry>> last = history.lastApplied(revision.id);
            if (!last)
                return context.fail(last.error(), ExitFailed);
            ran = *last;
        }
        const QString when = ran ? ran->startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) : QString();
        const QString diff = drift
            ? unifiedDiff(drift->ran.script, drift->now, QStringLiteral("%1 as it ran on %2").arg(revision.id, when),
                  QStringLiteral("%1 now").arg(revision.filePath()))
            : QString();
        if (context.json) {
            array.append(
                QJsonObject { { QStringLiteral("revision"), revision.id }, { QStringLiteral("ran"), bool(ran) },
                    { QStringLiteral("changed"), bool(drift) }, { QStringLiteral("diff"), diff } });
            continue;
        }
        if (!ran) {
            context.out() << QCoreApplication::translate("retort-cli",
                                 "%1: Retort has no record of running it here (not applied, or stamped or run by "
                                 "Alembic), so there is nothing to compare.")
                                 .arg(revision.id)
                          << '\n';
        } else if (!drift) {
            context.out()
                << QCoreApplication::translate("retort-cli", "%1: unchanged since it ran on %2.").arg(revision.id, when)
                << '\n';
        } else {
            context.out() << diff;
        }
    }
    if (context.json)
        context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("revisions"), array } }));
    context.out().flush();
    return ExitOk;
}

} // namespace

CliCommand showCommand()
{
    CliCommand command;
    command.name = QStringLiteral("show");
    command.summary = QCoreApplication::translate("retort-cli", "Show the revision(s) a target names.");
    command.positionalSyntax = QCoreApplication::translate("retort-cli", "REV");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("diff"),
            QCoreApplication::translate("retort-cli",
                "Show how each revision's file differs from what ran (as recorded in the history table).") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments();
        if (arguments.size() != 2) {
            return context.fail(
                QCoreApplication::translate("retort-cli",
                    "show needs one target: a revision id or prefix, head, heads, LABEL@head, -1, current..."),
                ExitBadInput);
        }
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        const QString target = arguments.at(1);
        QList<int> revisions;
        if (target == QLatin1String("current")) {
            int exitCode = ExitOk;
            std::optional<DatabaseState> state = readDatabaseState(context, *project, &exitCode);
            if (!state)
                return exitCode;
            revisions = state->rows;
        } else {
            Result<QList<int>> found = TargetResolver(graph).revisions(target);
            if (!found)
                return context.fail(found.error(), ExitBadInput);
            for (int revision : std::as_const(*found)) {
                if (revision < 0) {
                    return context.fail(
                        QCoreApplication::translate("retort-cli", "%1 leads below the base: no revision to show")
                            .arg(target),
                        ExitBadInput);
                }
            }
            revisions = *found;
        }
        if (parser.isSet(QStringLiteral("diff")))
            return printDrift(context, *project, revisions);
        if (context.json) {
            QJsonArray array;
            for (int index : std::as_const(revisions))
                array.append(revisionToJson(graph, index));
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("revisions"), array } }));
            return int(ExitOk);
        }
        const AlembicText text(graph);
        for (int index : std::as_const(revisions))
            context.out() << text.logEntry(index) << '\n';
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
