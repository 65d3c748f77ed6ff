#include "clicommand.h"
#include "db/serverwait.h"
#include "exec/offlinescript.h"
#include "fleetsupport.h"
#include "graph/planner.h"
#include "runsupport.h"

#include <QCoreApplication>

namespace Retort::Cli {

CliCommand upgradeCommand()
{
    CliCommand command;
    command.name = QStringLiteral("upgrade");
    command.summary = tr("Apply pending migrations up to TARGET (default: heads), each in its own transaction.");
    command.positionalSyntax = tr("[TARGET]");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption({ QStringLiteral("sql"),
            tr("Print the SQL the upgrade would run, version-table statements included, without connecting. "
               "TARGET may be FROM:TO (FROM defaults to base).") });
        parser.addOption({ QStringLiteral("wait"),
            tr("Wait up to SECONDS for the server to accept connections first (a container starting up)."),
            tr("SECONDS") });
        parser.addOption({ QStringLiteral("retry-incomplete"),
            tr("Run again a non-transactional migration whose last run did not finish (after checking what its "
               "completed statements left).") });
        addTimeoutOptions(parser);
        addFleetRunOptions(parser);
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments().mid(1);
        if (arguments.size() > 1)
            return context.fail(tr("upgrade takes at most one TARGET"), ExitBadInput);
        const QString target = arguments.value(0, QStringLiteral("heads"));
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        if (parser.isSet(QStringLiteral("sql")))
            return printOfflineScript(context, *project, Direction::Upgrade, target);
        if (parser.isSet(QStringLiteral("fleet")))
            return runFleetUpgrade(context, parser, *project, target);

        int code = ExitOk;
        const std::optional<RunSetup> setup = prepareRun(context, parser, &code);
        if (!setup)
            return code;
        const ConnectionSettings *settings = &setup->settings;
        if (parser.isSet(QStringLiteral("wait"))) {
            bool number = false;
            const int seconds = parser.value(QStringLiteral("wait")).toInt(&number);
            if (!number || seconds < 0)
                return context.fail(tr("--wait takes a number of seconds"), ExitBadInput);
            Result<void> up = waitForServer(*settings, seconds, [&](const QString &reason) {
                context.err() << "retort-cli: " << tr("waiting for %1: %2").arg(settings->displayName(), reason)
                              << Qt::endl;
            });
            if (!up)
                return context.fail(up.error(), ExitFailed);
        }

        std::unique_ptr<Executor> executor = openExecutor(context, *project, *settings, setup->options, &code);
        if (!executor)
            return code;
        const std::optional<MigrationPlan> plan =
            planFromDatabase(context, *executor, *project, Direction::Upgrade, target, &code);
        if (!plan)
            return code;
        return runPlan(context, *executor, *project, *plan, target);
    };
    return command;
}

} // namespace Retort::Cli
