#pragma once

#include "project/revision.h"
#include "sqlanalysis.h"

namespace Retort {

// What one revision's upgrade or downgrade risks and touches: the native
// section for `dialect` (statements split by its rules), or an Alembic
// file's upgrade()/downgrade() operations. A revision with nothing to run
// in that direction gives an empty analysis; a file that cannot be read or
// split gives an empty analysis too (loading the project reports those).
SqlAnalysis analyzeRevision(const Revision &revision, Direction direction, Dialect dialect);

} // namespace Retort
