#include "clicommand.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

CliCommand headsCommand()
{
    CliCommand command;
    command.name = QStringLiteral("heads");
    command.summary = QCoreApplication::translate("retort-cli", "Show the project's head revisions.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ { QStringLiteral("v"), QStringLiteral("verbose") },
            QCoreApplication::translate("retort-cli", "Show every detail of each head.") });
        parser.addOption({ QStringLiteral("resolve-dependencies"),
            QCoreApplication::translate(
                "retort-cli", "Count depends_on as down_revision: leave out heads other revisions depend on.") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        const QList<int> heads =
            parser.isSet(QStringLiteral("resolve-dependencies")) ? graph.realHeads() : graph.heads();
        if (context.json) {
            QJsonArray array;
            for (int head : heads)
                array.append(revisionToJson(graph, head));
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("heads"), array } }));
            return int(ExitOk);
        }
        // As `alembic heads`: labels and head markers, no tree markers.
        const AlembicText text(graph);
        AlembicTextOptions options;
        options.includeBranches = true;
        options.treeIndicators = false;
        for (int head : heads) {
            if (parser.isSet(QStringLiteral("verbose")))
                context.out() << text.logEntry(head) << '\n';
            else
                context.out() << text.headOnly(head, options) << '\n';
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
