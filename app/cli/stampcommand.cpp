#include "clicommand.h"
#include "graph/stampplanner.h"
#include "runsupport.h"

#include <QCoreApplication>

namespace Retort::Cli {

CliCommand stampCommand()
{
    CliCommand command;
    command.name = QStringLiteral("stamp");
    command.summary = tr("Set the version table to REV without running any migration, as alembic stamp does.");
    command.positionalSyntax = tr("REV...");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("purge"),
            tr("Empty the version table first, whatever it holds (also revisions this project does not know).") });
        addTimeoutOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList targets = parser.positionalArguments().mid(1);
        if (targets.isEmpty())
            return context.fail(tr("stamp needs a revision: retort-cli stamp REV (or heads, or base)"), ExitBadInput);
        int code = ExitOk;
        const std::optional<RunSetup> setup = openRun(context, parser, &code);
        if (!setup)
            return code;
        Executor *executor = setup->executor.get();
        const Project *project = setup->project;
        const ConnectionSettings *settings = &setup->settings;
        Result<QStringList> rows = executor->versionRows();
        if (!rows)
            return context.fail(rows.error(), ExitFailed);
        Result<QStringList> after =
            StampPlanner(project->graph).stamp(*rows, targets, parser.isSet(QStringLiteral("purge")));
        if (!after)
            return context.fail(after.error(), ExitBadInput);
        if (Result<void> stamped = executor->stamp(*rows, *after, targets.join(QLatin1Char(' '))); !stamped)
            return context.fail(stamped.error(), ExitFailed);
        context.out() << tr("Stamped %1: %2 -> %3 (no migration ran).")
                             .arg(settings->displayName(), versionRowsText(*rows), versionRowsText(*after))
                      << Qt::endl;
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
