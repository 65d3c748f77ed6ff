#pragma once

#include "clicontext.h"
#include "fleet/fleetdatabase.h"

#include <QCommandLineParser>

#include <optional>

namespace Retort::Cli {

// What `fleet status` and `upgrade --fleet` share: reading the fleet file
// (queries run), and --parallel.

// The databases of the fleet file `path`. Empty after printing the error
// (exit code in *code).
std::optional<QList<FleetDatabase>> readFleet(CliContext &context, const QString &path, int *code);

// --parallel N (default `fallback`); empty after printing the error.
std::optional<int> parallelOption(CliContext &context, const QCommandLineParser &parser, int fallback, int *code);

// `upgrade --fleet FILE`: the options it adds to upgrade, and the run.
void addFleetRunOptions(QCommandLineParser &parser);
int runFleetUpgrade(
    CliContext &context, const QCommandLineParser &parser, const Project &project, const QString &target);

} // namespace Retort::Cli
