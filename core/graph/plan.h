#pragma once

#include "project/revision.h"

#include <QList>
#include <QStringList>

namespace Retort {

// One migration to run: a revision's upgrade or downgrade, and the rows the
// version table must hold once it has run — exactly the rows Alembic's
// HeadMaintainer would leave — so that the executor changes the version table
// in the same transaction as the migration and never has to reason about
// merges and branch points itself.
struct PlanStep {
    int revision = -1; // index in the RevisionGraph the plan was made from
    Direction direction = Direction::Upgrade;
    QStringList versionRowsAfter; // sorted
};

// What it takes to go from the version rows a database holds to a target:
// made by the planner, shown by the review view, run by the executor.
struct MigrationPlan {
    Direction direction = Direction::Upgrade;
    QStringList versionRowsBefore; // sorted
    QList<PlanStep> steps; // in the order they run

    bool isEmpty() const { return steps.isEmpty(); }
    QStringList versionRowsAfter() const { return steps.isEmpty() ? versionRowsBefore : steps.last().versionRowsAfter; }
};

} // namespace Retort
