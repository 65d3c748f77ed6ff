#pragma once

#include "db/connectionsettings.h"
#include "graph/plan.h"
#include "project/project.h"
#include "util/result.h"

#include <QStringList>

namespace Retort {

// Promote: bring one environment (production) to where another (staging)
// is, with exactly what ran there. The plan is the upgrade from the
// target's version rows to the source's revision; it is refused when the
// source stands on several heads (promote one at a time), when the target
// is not behind the source on its line, and when a revision file of the
// plan differs from the script Retort recorded running on the source
// (retort_history keeps each run's script), or when the source has no
// recorded run of one (stamped): what was tested is what runs.
struct PromotionCheck {
    QStringList sourceRows;
    QStringList targetRows;
    QString target; // the revision the target is upgraded to (the source's)
    MigrationPlan plan;
    QStringList changed; // revisions of the plan whose file changed since it ran on the source
    QStringList unrecorded; // revisions of the plan the source has no recorded run of (stamped, or Alembic)
    QString refusal; // why it cannot be promoted; empty when it can

    bool allowed() const { return refusal.isEmpty(); }
};

// Reads both databases (their own connections, closed afterwards; nothing
// written). An error when either cannot be read.
Result<PromotionCheck> checkPromotion(
    const Project &project, const ConnectionSettings &source, const ConnectionSettings &target);

} // namespace Retort
