#include "fleet/fleetreport.h"
#include "fleet/fleetrunner.h"
#include "fleetprogress.h"
#include "fleetsupport.h"
#include "graph/targetresolver.h"
#include "interrupt.h"
#include "runsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <unistd.h>

namespace Retort::Cli {

void addFleetRunOptions(QCommandLineParser &parser)
{
    parser.addOption({ QStringLiteral("fleet"),
        tr("Upgrade every database of the fleet file FILE to TARGET (see README: fleets)."), tr("FILE") });
    parser.addOption(
        { QStringLiteral("parallel"), tr("With --fleet: migrate N databases at once (default: 1)."), tr("N") });
    parser.addOption({ QStringLiteral("canary"),
        tr("With --fleet: upgrade the first K databases first; if one fails, the others are not started."), tr("K") });
    parser.addOption({ QStringLiteral("stop-on-failure"),
        tr("With --fleet: start no further database once one failed (the default).") });
    parser.addOption(
        { QStringLiteral("continue"), tr("With --fleet: go on with the other databases after a failure.") });
}

int runFleetUpgrade(
    CliContext &context, const QCommandLineParser &parser, const Project &project, const QString &target)
{
    int code = ExitOk;
    if (parser.isSet(QStringLiteral("stop-on-failure")) && parser.isSet(QStringLiteral("continue")))
        return context.fail(tr("--stop-on-failure and --continue exclude each other"), ExitBadInput);
    FleetRunOptions options;
    options.target = target;
    options.stopOnFailure = !parser.isSet(QStringLiteral("continue"));
    const std::optional<int> parallel = parallelOption(context, parser, 1, &code);
    if (!parallel)
        return code;
    options.parallel = *parallel;
    if (parser.isSet(QStringLiteral("canary"))) {
        bool number = false;
        options.canary = parser.value(QStringLiteral("canary")).toInt(&number);
        if (!number || options.canary < 0)
            return context.fail(tr("--canary takes a number of databases"), ExitBadInput);
    }
    Result<ExecutionOptions> execution = executionOptions(parser);
    if (!execution)
        return context.fail(execution.error(), ExitBadInput);
    options.execution = *execution;
    options.execution.retryIncomplete = parser.isSet(QStringLiteral("retry-incomplete"));
    // A target the project does not have is bad input for every database:
    // said once, before anything connects.
    // (Relative targets depend on where each database is: checked there.)
    const bool relative =
        target.startsWith(QLatin1Char('+')) || target.startsWith(QLatin1Char('-')) || target.contains(QLatin1Char('@'));
    if (Result<QList<int>> resolved = TargetResolver(project.graph).revisions(target); !resolved && !relative)
        return context.fail(resolved.error(), ExitBadInput);

    const std::optional<QList<FleetDatabase>> databases =
        readFleet(context, parser.value(QStringLiteral("fleet")), &code);
    if (!databases)
        return code;

    FleetRunner runner(project, *databases, options);
    // Progress goes to stdout, or to stderr when stdout carries the JSON.
    QTextStream &progressStream = context.json ? context.err() : context.out();
    const int fd = context.json ? STDERR_FILENO : STDOUT_FILENO;
    FleetProgress progress(progressStream, runner, ::isatty(fd) == 1);
    QObject::connect(
        &runner, &FleetRunner::changed, &runner, [&](int index) { progress.changed(index); }, Qt::DirectConnection);
    QElapsedTimer timer;
    timer.start();
    QList<FleetDatabaseRun> runs;
    {
        const InterruptHandler interrupt([&runner] { runner.cancel(); });
        runs = runner.run();
    }
    progress.finish();
    if (context.json) {
        context.printJson(QJsonDocument(fleetRunJson(*databases, runs, target, timer.elapsed())));
    } else {
        context.out() << '\n' << fleetRunText(*databases, runs) << fleetRunSummary(runs) << '\n';
        context.out().flush();
    }
    const bool allDone = std::all_of(runs.cbegin(), runs.cend(), [](const FleetDatabaseRun &run) {
        return run.state == FleetDatabaseRun::State::Upgraded || run.state == FleetDatabaseRun::State::UpToDate;
    });
    return int(allDone ? ExitOk : ExitFailed);
}

} // namespace Retort::Cli
