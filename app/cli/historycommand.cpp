#include "clicommand.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

CliCommand historyCommand()
{
    CliCommand command;
    command.name = QStringLiteral("history");
    command.summary = QCoreApplication::translate("retort-cli", "List revisions, newest first.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ { QStringLiteral("v"), QStringLiteral("verbose") },
            QCoreApplication::translate("retort-cli", "Show every detail of each revision.") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        const QList<int> &order = graph.topologicalOrder();
        if (context.json) {
            QJsonArray array;
            for (auto it = order.crbegin(); it != order.crend(); ++it)
                array.append(revisionToJson(graph, *it));
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("revisions"), array } }));
            return int(ExitOk);
        }
        const AlembicText text(graph);
        AlembicTextOptions options;
        options.includeBranches = true;
        options.includeDoc = true;
        options.includeParents = true;
        const bool verbose = parser.isSet(QStringLiteral("verbose"));
        for (auto it = order.crbegin(); it != order.crend(); ++it) {
            if (verbose)
                context.out() << text.logEntry(*it) << '\n';
            else
                context.out() << text.headOnly(*it, options) << '\n';
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
