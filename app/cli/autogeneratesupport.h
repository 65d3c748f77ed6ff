#pragma once

#include "clicontext.h"
#include "project/revisionwriter.h"

#include <QCommandLineParser>

namespace Retort::Cli {

// `create --autogenerate`: the revision from the schema file (native
// projects) or from the models by the project's own Alembic, both against
// the shadow at the head. Renames are asked (--rename, --no-rename), never
// guessed; nothing is written when there is no difference.
void addAutogenerateOptions(QCommandLineParser &parser);
int autogenerateRevision(
    CliContext &context, const Project &project, NewRevision spec, const QCommandLineParser &parser);

} // namespace Retort::Cli
