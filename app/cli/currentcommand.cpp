#include "clicommand.h"
#include "databasestate.h"
#include "graph/alembicorder.h"
#include "graph/planner.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

CliCommand currentCommand()
{
    CliCommand command;
    command.name = QStringLiteral("current");
    command.summary = QCoreApplication::translate("retort-cli", "Show the revision(s) the database is at.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ { QStringLiteral("v"), QStringLiteral("verbose") },
            QCoreApplication::translate("retort-cli", "Show every detail of each current revision.") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        int exitCode = ExitOk;
        std::optional<DatabaseState> state = readDatabaseState(context, *project, &exitCode);
        if (!state)
            return exitCode;
        // What `alembic current` lists: the applied revisions that nothing
        // applied descends from (usually the rows), newest first.
        const QList<int> current = Planner(graph).currentRevisions(state->rows);
        QList<int> ordered;
        if (current.size() > 1) {
            const QSet<int> wanted(current.cbegin(), current.cend());
            for (int index : alembicHistoryOrder(graph)) {
                if (wanted.contains(index))
                    ordered.append(index);
            }
        } else {
            ordered = current;
        }
        if (context.json) {
            QJsonArray array;
            for (int index : std::as_const(ordered))
                array.append(revisionToJson(graph, index));
            context.printJson(QJsonDocument(QJsonObject {
                { QStringLiteral("database"), context.databaseName() },
                { QStringLiteral("version_table"), project->settings.versionTable },
                { QStringLiteral("version_table_exists"), state->versionRows.tableExists },
                { QStringLiteral("rows"), QJsonArray::fromStringList(state->versionRows.rows) },
                { QStringLiteral("current"), array },
            }));
            return int(ExitOk);
        }
        const bool verbose = parser.isSet(QStringLiteral("verbose"));
        if (verbose)
            context.out()
                << QCoreApplication::translate("retort-cli", "Current revision(s) for %1:").arg(context.databaseName())
                << '\n';
        const AlembicText text(graph);
        for (int index : std::as_const(ordered)) {
            if (verbose)
                context.out() << text.logEntry(index) << '\n';
            else
                context.out() << text.headOnly(index, AlembicTextOptions()) << '\n';
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
