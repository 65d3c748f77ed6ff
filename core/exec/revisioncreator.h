#pragma once

#include "alembic/alembicprocess.h"
#include "project/revisionwriter.h"

#include <optional>

namespace Retort {

// Writes a new revision, or a merge of `spec.heads`, in the project's own
// format: native projects get a file from Retort's template
// (RevisionWriter); Alembic projects run `alembic revision` or `alembic
// merge`, so that the project's script.py.mako makes the file. What
// `retort-cli create` and `merge` and the desktop's dialogs do. Runs a
// process for Alembic projects: call it off the GUI thread.
Result<WrittenRevision> createRevisionFile(const Project &project, const NewRevision &spec, bool merge);

// `alembic revision` (or `alembic merge`) for `spec`, by the project's own
// Alembic; the id is read back from the file it wrote. `autogenerateAgainst`:
// `--autogenerate`, env.py pointed at that database.
Result<WrittenRevision> generateWithAlembic(const Project &project, const NewRevision &spec, bool merge,
    const std::optional<AlembicProcess::Database> &autogenerateAgainst = std::nullopt);

} // namespace Retort
