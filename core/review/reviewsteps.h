#pragma once

#include "alembic/reviewhelper.h"
#include "review.h"

#include <optional>

namespace Retort {

// Fills review.steps (and review.problem, review.oneTransaction) for
// review.plan: each step's script prepared as a run prepares it, so the
// review shows exactly what would run and refuses what a run would refuse,
// with what its statements risk. Native steps show their SQL section; an
// Alembic step shows the SQL the project's Alembic writes for it offline
// when `alembic` is given (see AlembicOfflineSql), else, or when that
// cannot be produced, its Python and what reading it statically tells.
// The CLI's downgrade plan and the desktop's review both come from here.
// Runs Python for Alembic projects: call it off the GUI thread.
void reviewPlanSteps(
    const Project &project, Dialect dialect, Review &review, const std::optional<AlembicPython> &alembic);

} // namespace Retort
