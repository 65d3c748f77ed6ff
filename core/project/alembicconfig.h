#pragma once

#include "util/inifile.h"
#include "util/result.h"

#include <QStringList>

namespace Retort {

// Where an Alembic project keeps its revisions, read from alembic.ini's
// [alembic] section as Alembic's ScriptDirectory.from_config reads it:
// script_location, version_locations (split by version_path_separator,
// or by commas and spaces when that is not set), recursive_version_locations,
// with %(here)s standing for the file's folder. Relative paths are taken
// from the folder of alembic.ini, where Alembic is run.
struct AlembicConfig {
    QString scriptLocation; // absolute
    // Absolute, in the order given; only those that exist, as Alembic reads
    // them (default: <script_location>/versions).
    QStringList versionLocations;
    bool recursive = false;
    QList<Error> warnings;

    static Result<AlembicConfig> read(const IniFile &ini);
};

} // namespace Retort
