#include "fleetsupport.h"

#include "fleet/fleetfile.h"
#include "runsupport.h"

namespace Retort::Cli {

std::optional<QList<FleetDatabase>> readFleet(CliContext &context, const QString &path, int *code)
{
    Result<FleetFile> file = FleetFile::read(path, context.profileFile);
    if (!file) {
        *code = context.fail(file.error(), ExitBadInput);
        return std::nullopt;
    }
    Result<QList<FleetDatabase>> databases = file->databases();
    if (!databases) {
        // A query that could not run: the fleet is unknown, nothing is done.
        *code = context.fail(databases.error(), ExitFailed);
        return std::nullopt;
    }
    return *databases;
}

std::optional<int> parallelOption(CliContext &context, const QCommandLineParser &parser, int fallback, int *code)
{
    if (!parser.isSet(QStringLiteral("parallel")))
        return fallback;
    bool number = false;
    const int value = parser.value(QStringLiteral("parallel")).toInt(&number);
    if (!number || value < 1 || value > 256) {
        *code = context.fail(tr("--parallel takes a number of databases from 1 to 256"), ExitBadInput);
        return std::nullopt;
    }
    return value;
}

} // namespace Retort::Cli
