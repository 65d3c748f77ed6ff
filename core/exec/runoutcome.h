#pragma once

#include "db/connectionsettings.h"
#include "exec/executor.h"
#include "graph/plan.h"
#include "project/project.h"
#include "util/result.h"

#include <QStringList>

namespace Retort {

// What the front-ends that run migrations (retort-cli's upgrade, downgrade
// and stamp, the desktop's run dialog) share around the Executor: the plan
// from where the database stands, the name a production confirmation asks
// for, and how an outcome reads. One wording for both, so a message in the
// CLI and in the window say the same thing.

// "base" or the rows, for messages.
QString versionRowsText(const QStringList &rows);

// "412 ms", "2.35 s", "31.0 s".
QString formatDuration(qint64 ms);

// The name a production confirmation asks to be typed: the database
// (PostgreSQL) or the file's name (SQLite).
QString productionName(const ConnectionSettings &settings);

// `rows` (a database's version table) when each is a revision of `project`;
// otherwise an error naming the unknown revision and the database.
Result<QStringList> knownVersionRows(const Project &project, const QStringList &rows, const QString &databaseName);

// The plan from `rows` (checked with knownVersionRows) to `target`.
Result<MigrationPlan> planFromVersionRows(const Project &project, const QStringList &rows, Direction direction,
    const QString &target, const QString &databaseName);

// What a failed or cancelled run means, one sentence a line, after the
// error itself: where it stopped (revision, statement, its first lines),
// what was rolled back or kept, the advice, and where the database is now.
QStringList describeFailure(const Project &project, const MigrationPlan &plan, const ExecutionReport &report);

} // namespace Retort
