#include "versiontable.h"

#include "databaseconnection.h"
#include "versiontablewriter.h"

#include <QFileInfo>

namespace Retort {

Result<VersionRows> VersionTable::read(QSqlDatabase database, Dialect dialect, const ProjectSettings &settings)
{
    const VersionTableWriter table(database, dialect, settings.versionTableSchema, settings.versionTable);
    Result<bool> exists = table.exists();
    if (!exists)
        return exists.error();
    VersionRows result;
    result.tableExists = *exists;
    if (!result.tableExists)
        return result;
    Result<QStringList> rows = table.rows();
    if (!rows)
        return rows.error();
    result.rows = *rows;
    return result;
}

Result<VersionRows> VersionTable::read(const ConnectionSettings &connection, const ProjectSettings &settings)
{
    if (connection.dialect == Dialect::SQLite && connection.sqlitePath != QLatin1String(":memory:") &&
        !QFileInfo::exists(connection.sqlitePath)) {
        VersionRows none;
        none.databaseExists = false;
        return none;
    }
    // The version table is the application database's own; Retort's file
    // is not needed, and a read must not create it (a backup being read).
    auto opened = DatabaseConnection::open(connection, DatabaseConnection::RetortTables::Left);
    if (!opened)
        return opened.error();
    return read((*opened)->database(), connection.dialect, settings);
}

} // namespace Retort
