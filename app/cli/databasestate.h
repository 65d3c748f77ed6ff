#pragma once

#include "clicontext.h"
#include "db/versiontable.h"

#include <optional>

namespace Retort::Cli {

// What the database holds, for the read commands: the version rows and the
// revisions they name.
struct DatabaseState {
    VersionRows versionRows;
    QList<int> rows; // graph indexes of the rows
};

// Reads the version table of the database the global options name and
// resolves its rows against the project. On failure prints the error
// (unreachable database, rows naming revisions the project does not have)
// and sets `exitCode`.
std::optional<DatabaseState> readDatabaseState(CliContext &context, const Project &project, int *exitCode);

} // namespace Retort::Cli
