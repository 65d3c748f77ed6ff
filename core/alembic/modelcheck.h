#pragma once

#include "alembic/reviewhelper.h"

namespace Retort {

// `alembic check` run by the project's own Alembic: whether autogenerate
// would find differences between the project's models (env.py's
// target_metadata) and the database. Read-only.
struct ModelCheck {
    enum class Outcome { Clean, Drift, Skipped };
    Outcome outcome = Outcome::Skipped;
    // Drift: what Alembic found ("New upgrade operations detected: [...]");
    // Skipped: why it could not tell (no target_metadata, no Alembic...).
    QString detail;
};

// Runs it with `python` (its url, environment and password: the database
// to compare with). Never an error: what stops it is a skip with a reason.
ModelCheck checkModels(const Project &project, const AlembicPython &python);

} // namespace Retort
