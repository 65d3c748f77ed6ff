#pragma once

#include "graph/plan.h"
#include "project/project.h"
#include "util/result.h"

namespace Retort {

// The SQL a plan would run, for `upgrade --sql` and `downgrade --sql`:
// exactly what the executor sends, in the same transactions — each step's
// statements, its version-table change and its history row — printed
// instead of run, without connecting. The version and history tables are
// created first when missing. A DBA can review it, or run it with
// `psql -v ON_ERROR_STOP=1 -f FILE` (or sqlite3) where Retort cannot go.
Result<QString> offlineScript(
    const Project &project, const MigrationPlan &plan, Dialect dialect, const QString &toolVersion);

} // namespace Retort
