#include "clicommand.h"
#include "databasestate.h"
#include "graph/targetresolver.h"
#include "report/alembictext.h"
#include "report/revisionjson.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Retort::Cli {

CliCommand showCommand()
{
    CliCommand command;
    command.name = QStringLiteral("show");
    command.summary = QCoreApplication::translate("retort-cli", "Show the revision(s) a target names.");
    command.positionalSyntax = QCoreApplication::translate("retort-cli", "REV");
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
