#include "clicommand.h"
#include "fleet/fleetreport.h"
#include "fleet/fleetstatus.h"
#include "fleetsupport.h"
#include "runsupport.h"

#include <QJsonDocument>

namespace Retort::Cli {

CliCommand fleetCommand()
{
    CliCommand command;
    command.name = QStringLiteral("fleet");
    command.summary = tr("fleet status FILE: where every database of a fleet file is, and what is pending.");
    command.positionalSyntax = tr("status FILE");
    command.addOptions = [](QCommandLineParser &parser) {
        parser.addOption(
            { QStringLiteral("target"), tr("Count pending migrations up to TARGET (default: heads)."), tr("TARGET") });
        parser.addOption({ QStringLiteral("parallel"), tr("Read N databases at once (default: 8)."), tr("N") });
    };
    command.run = [](CliContext &context, const QCommandLineParser &parser) {
        const QStringList arguments = parser.positionalArguments().mid(1);
        if (arguments.size() != 2 || arguments.first() != QLatin1String("status"))
            return context.fail(tr("usage: retort-cli fleet status FILE [--json]"), ExitBadInput);
        const Project *project = context.project();
        if (!project)
            return context.projectExitCode();
        int code = ExitOk;
        const std::optional<int> parallel = parallelOption(context, parser, 8, &code);
        if (!parallel)
            return code;
        const std::optional<QList<FleetDatabase>> databases = readFleet(context, arguments.at(1), &code);
        if (!databases)
            return code;
        const QString target = parser.value(QStringLiteral("target")).isEmpty()
            ? QStringLiteral("heads")
            : parser.value(QStringLiteral("target"));
        const QList<FleetDatabaseStatus> statuses = FleetStatus::read(*project, *databases, target, *parallel);
        if (context.json) {
            context.printJson(QJsonDocument(fleetStatusJson(*databases, statuses, target)));
        } else {
            context.out() << fleetStatusText(*databases, statuses);
            context.out().flush();
        }
        const bool allRead = std::all_of(
            statuses.cbegin(), statuses.cend(), [](const FleetDatabaseStatus &status) { return status.ok(); });
        return int(allRead ? ExitOk : ExitFailed);
    };
    return command;
}

} // namespace Retort::Cli
