#include "databasestate.h"

#include "graph/planner.h"

#include <QCoreApplication>

namespace Retort::Cli {

std::optional<DatabaseState> readDatabaseState(CliContext &context, const Project &project, int *exitCode)
{
    Result<VersionRows> rows = context.versionRows();
    if (!rows) {
        *exitCode = context.fail(rows.error(), ExitFailed);
        return std::nullopt;
    }
    Result<QList<int>> revisions = Planner(project.graph).rowRevisions(rows->rows);
    if (!revisions) {
        Error error = revisions.error();
        error.message = QCoreApplication::translate("retort-cli", "%1: %2").arg(context.databaseName(), error.message);
        *exitCode = context.fail(error, ExitFailed);
        return std::nullopt;
    }
    return DatabaseState { *rows, *revisions };
}

} // namespace Retort::Cli
