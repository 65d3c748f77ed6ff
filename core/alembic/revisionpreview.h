#pragma once

#include "alembic/reviewhelper.h"
#include "project/revisionwriter.h"

namespace Retort {

// The file `alembic revision` would write for `spec` (message, head,
// splice, branch labels, depends_on, id), rendered by the project's own
// Alembic from its script.py.mako with the values Alembic gives it, without
// writing anything. Only Create Date differs from the file a moment later.
// Runs Python: call it off the GUI thread.
Result<QString> previewAlembicRevision(const Project &project, const AlembicPython &python, const NewRevision &spec);

} // namespace Retort
