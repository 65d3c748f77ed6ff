#include "autogeneratesupport.h"
#include "clicommand.h"
#include "project/revisionwriter.h"
#include "runsupport.h"

#include <QJsonObject>

namespace Retort::Cli {

CliCommand createCommand()
{
    CliCommand command;
    command.name = QStringLiteral("create");
    command.summary = tr("Write a new revision file after the head (as alembic revision).");
    command.positionalSyntax = tr("MESSAGE");
    command.addOptions = [](QCommandLineParser &parser) {
        // -m as `alembic revision -m` takes it; the positional MESSAGE stays.
        parser.addOption({ { QStringLiteral("m"), QStringLiteral("message") },
            tr("The revision's message (instead of MESSAGE)."), tr("MESSAGE") });
        parser.addOption({ QStringLiteral("head"),
            tr("The revision the new one follows (default: head); base for a new base; LABEL@head for a branch."),
            tr("REV") });
        parser.addOption({ QStringLiteral("splice"), tr("Allow --head to name a revision that is not a head.") });
        parser.addOption({ QStringLiteral("depends-on"), tr("Revisions the new one depends on."), tr("REV") });
        addRevisionOptions(parser);
        addAutogenerateOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        QStringList arguments = parser.positionalArguments().mid(1);
        if (parser.isSet(QStringLiteral("message"))) {
            if (!arguments.isEmpty())
                return context.fail(
                    tr("create takes its message once: as -m MESSAGE or as MESSAGE, not both"), ExitBadInput);
            arguments = parser.values(QStringLiteral("message"));
        }
        if (arguments.size() != 1 || arguments.first().trimmed().isEmpty())
            return context.fail(
                tr("create takes a MESSAGE: retort-cli create -m \"Add email verification\""), ExitBadInput);
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        NewRevision spec = revisionSpec(parser);
        spec.message = arguments.first();
        spec.heads = listOption(parser, QStringLiteral("head"));
        spec.splice = parser.isSet(QStringLiteral("splice"));
        spec.dependsOn = listOption(parser, QStringLiteral("depends-on"));
        if (parser.isSet(QStringLiteral("autogenerate")))
            return autogenerateRevision(context, *project, spec, parser);
        if (parser.isSet(QStringLiteral("rename")) || parser.isSet(QStringLiteral("no-rename")))
            return context.fail(tr("--rename and --no-rename go with --autogenerate"), ExitBadInput);
        return writeRevision(context, *project, spec, false);
    };
    return command;
}

} // namespace Retort::Cli
