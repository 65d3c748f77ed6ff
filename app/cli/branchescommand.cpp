#include "clicommand.h"
#include "graph/alembicorder.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

CliCommand branchesCommand()
{
    CliCommand command;
    command.name = QStringLiteral("branches");
    command.summary = QCoreApplication::translate("retort-cli", "Show the branch points and where they lead.");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ { QStringLiteral("v"), QStringLiteral("verbose") },
            QCoreApplication::translate("retort-cli", "Show every detail of each branch point.") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        const RevisionGraph &graph = project->graph;
        QList<int> branchPoints;
        for (int index : alembicHistoryOrder(graph)) {
            if (graph.isBranchPoint(index))
                branchPoints.append(index);
        }
        const auto children = [&](int index) {
            QList<int> sorted = graph.children(index).toList();
            std::sort(sorted.begin(), sorted.end(),
                [&](int a, int b) { return graph.revision(a).id < graph.revision(b).id; });
            return sorted;
        };
        if (context.json) {
            QJsonArray array;
            for (int index : std::as_const(branchPoints)) {
                QJsonObject object = revisionToJson(graph, index);
                QJsonArray into;
                for (int child : children(index))
                    into.append(graph.revision(child).id);
                object.insert(QStringLiteral("branches_into"), into);
                array.append(object);
            }
            context.printJson(QJsonDocument(QJsonObject { { QStringLiteral("branch_points"), array } }));
            return int(ExitOk);
        }
        // As `alembic branches`: the branch point, then one "-> child" line
        // per child, indented by the branch point's id.
        const bool verbose = parser.isSet(QStringLiteral("verbose"));
        const AlembicText text(graph);
        AlembicTextOptions pointOptions;
        pointOptions.includeBranches = true;
        AlembicTextOptions childOptions;
        childOptions.includeBranches = true;
        childOptions.includeDoc = verbose;
        for (int index : std::as_const(branchPoints)) {
            context.out() << (verbose ? text.logEntry(index) : text.headOnly(index, pointOptions)) << '\n';
            QStringList lines;
            const QString indent(graph.revision(index).id.size(), QLatin1Char(' '));
            for (int child : children(index))
                lines.append(indent + QLatin1String(" -> ") + text.headOnly(child, childOptions));
            context.out() << lines.join(QLatin1Char('\n')) << "\n\n";
        }
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
