#pragma once

#include "exec/executor.h"

namespace Retort {

// Runs a project's migrations from where `database` is up to `target` the
// way a run does — Alembic projects through their own Alembic and Python
// (AlembicRunner, with the connection check), native ones through the
// Executor — under the runner lock there. For any database Retort can
// reach, typically a throwaway one: the shadow database that schema diffs,
// drift and verification replay a project into.
ExecutionReport replayMigrations(const Project &project, const ConnectionSettings &database,
    const QString &target = QStringLiteral("heads"), const ExecutionOptions &options = {});

} // namespace Retort
