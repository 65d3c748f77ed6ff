#pragma once

#include "clicontext.h"

#include <QCommandLineParser>
#include <QList>

#include <functional>

namespace Retort::Cli {

// One retort-cli command: its name, a one-line summary for `--help`, the
// options it adds to the global ones, and what it does.
struct CliCommand {
    QString name;
    QString summary;
    QString positionalSyntax; // e.g. "REV", shown in the command's help
    std::function<void(QCommandLineParser &)> addOptions;
    std::function<int(CliContext &, const QCommandLineParser &)> run;
};

// Every command, in the order `retort-cli --help` lists them. Each lives in
// its own <name>command.cpp.
QList<CliCommand> allCommands();

CliCommand statusCommand();
CliCommand currentCommand();
CliCommand historyCommand();
CliCommand headsCommand();
CliCommand branchesCommand();
CliCommand showCommand();
CliCommand upgradeCommand();
CliCommand downgradeCommand();
CliCommand stampCommand();
CliCommand createCommand();
CliCommand mergeCommand();
CliCommand backupCommand();
CliCommand checkCommand();
CliCommand restoreCommand();
CliCommand lintCommand();
CliCommand schemaCommand();
CliCommand fleetCommand();
CliCommand promoteCommand();
CliCommand diffCommand();
CliCommand driftCommand();
CliCommand verifyCommand();

} // namespace Retort::Cli
