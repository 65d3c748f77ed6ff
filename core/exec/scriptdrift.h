#pragma once

#include "db/historytable.h"
#include "project/project.h"
#include "util/result.h"

#include <QSqlDatabase>

namespace Retort {

// An applied migration whose file no longer holds what ran: what `check`
// and `status` report, and what `show REV --diff` and the desktop's "what
// ran vs the file now" show.
struct ScriptDrift {
    int revision = -1; // graph index
    HistoryEntry ran; // the last successful upgrade Retort recorded
    QString now; // migrationScript() of the file today (for the database's dialect)
};

// Every revision applied to the database (the version rows and what lies
// below them) whose upgrade script, as recorded when Retort ran it, differs
// from the file now. Revisions Retort never ran (stamped, or run by
// Alembic) have nothing to compare and are left out. One read of the
// history table.
Result<QList<ScriptDrift>> changedAppliedScripts(
    const Project &project, QSqlDatabase database, Dialect dialect, const QStringList &versionRows);

// The same comparison for one revision: empty when it is unchanged or was
// never run by Retort.
Result<std::optional<ScriptDrift>> scriptDrift(
    const Project &project, QSqlDatabase database, Dialect dialect, int revision);

} // namespace Retort
