#pragma once

#include "connectionsettings.h"
#include "project/projectsettings.h"
#include "util/result.h"

#include <QSqlDatabase>
#include <QStringList>

namespace Retort {

// What a database says about its migration state: the rows of its version
// table (alembic_version unless the project names another), one per
// applied head, exactly as Alembic keeps them.
struct VersionRows {
    bool databaseExists = true; // false for a SQLite file not created yet
    bool tableExists = false; // a database never migrated has no version table
    QStringList rows; // sorted
};

// Reads the version table, its name and schema from the project's settings.
// A missing table, or a SQLite file that does not exist yet, is a database
// at "base": no rows, not an error. One query for the rows, linear in them
// (the statements are VersionTableWriter's, which writes the same table).
class VersionTable
{
public:
    // On an open connection (in the thread that opened it).
    static Result<VersionRows> read(QSqlDatabase database, Dialect dialect, const ProjectSettings &settings);
    // Connects, reads, disconnects. Never creates a SQLite file.
    static Result<VersionRows> read(const ConnectionSettings &connection, const ProjectSettings &settings);
};

} // namespace Retort
