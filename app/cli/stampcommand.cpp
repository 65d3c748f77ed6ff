#include "clicommand.h"
#include "graph/stampplanner.h"
#include "runsupport.h"

#include <QCoreApplication>

namespace Retort::Cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("retort-cli", text);
}

} // namespace

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
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        Result<ConnectionSettings> settings = context.connectionSettings();
        if (!settings)
            return context.fail(settings.error(), ExitBadInput);
        Result<ExecutionOptions> options = executionOptions(parser);
        if (!options)
            return context.fail(options.error(), ExitBadInput);
        int code = ExitOk;
        std::unique_ptr<Executor> executor = openExecutor(context, *project, *settings, *options, &code);
        if (!executor)
            return code;
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
                             .arg(settings->displayName(), rowsText(*rows), rowsText(*after))
                      << Qt::endl;
        return int(ExitOk);
    };
    return command;
}

} // namespace Retort::Cli
