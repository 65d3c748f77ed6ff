#pragma once

#include <QString>

namespace Retort {

// Where Retort keeps its own tables (the history): apart from the
// application's, where an Alembic project's autogenerate and `alembic check`
// would see them and write op.drop_table for them. PostgreSQL: this schema
// (not named like a role, so that search_path's "$user" never picks it);
// SQLite: a file of its own next to the database (FILE-retort), attached
// under this name to every connection Retort opens (DatabaseConnection).
inline QString retortSchema()
{
    return QStringLiteral("retort_meta");
}

// SQLite: the file that holds Retort's tables for the database `path`.
inline QString retortSqliteFile(const QString &path)
{
    return path == QLatin1String(":memory:") ? path : path + QStringLiteral("-retort");
}

} // namespace Retort
