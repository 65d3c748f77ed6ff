#include "clicommand.h"
#include "graph/targetresolver.h"
#include "project/revisionwriter.h"
#include "runsupport.h"

namespace Retort::Cli {

CliCommand mergeCommand()
{
    CliCommand command;
    command.name = QStringLiteral("merge");
    command.summary = tr("Write a revision that merges REV... (\"heads\" for all heads), as alembic merge.");
    command.positionalSyntax = tr("REV...");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption(
            { { QStringLiteral("m"), QStringLiteral("message") }, tr("The merge's message."), tr("MESSAGE") });
        addRevisionOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList revisions = parser.positionalArguments().mid(1);
        if (revisions.isEmpty())
            return context.fail(
                tr("merge needs the revisions to merge: retort-cli merge heads -m MESSAGE"), ExitBadInput);
        if (!parser.isSet(QStringLiteral("message")))
            return context.fail(tr("merge needs a message: -m MESSAGE"), ExitBadInput);
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        Result<QList<int>> resolved = TargetResolver(project->graph).revisions(revisions);
        if (!resolved)
            return context.fail(resolved.error(), ExitBadInput);
        if (resolved->size() < 2) {
            return context.fail(tr("there is nothing to merge: %1 names only %2 revision")
                                    .arg(revisions.join(QLatin1Char(' ')))
                                    .arg(resolved->size()),
                ExitBadInput);
        }
        NewRevision spec = revisionSpec(parser);
        spec.message = parser.value(QStringLiteral("message"));
        spec.heads = revisions;
        return writeRevision(context, *project, spec, true);
    };
    return command;
}

} // namespace Retort::Cli
