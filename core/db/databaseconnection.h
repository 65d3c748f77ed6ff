#pragma once

#include "connectionsettings.h"
#include "util/result.h"

#include <QSqlDatabase>

#include <memory>

namespace Retort {

// An open database connection with a name of its own. QtSql connections are
// per thread and must be removed only after every query on them is gone;
// this class owns that bookkeeping, so callers just keep it alive while they
// use database() and let it go afterwards.
class DatabaseConnection
{
public:
    ~DatabaseConnection();
    DatabaseConnection(const DatabaseConnection &) = delete;
    DatabaseConnection &operator=(const DatabaseConnection &) = delete;

    // SQLite: whether Retort's own file (FILE-retort) is attached. A file
    // that is not a user's database (a backup being checked) has none, and
    // opening it must not create one beside it.
    enum class RetortTables { Attached, Left };

    // Connects. An error names the database (never its password) and, for
    // PostgreSQL, carries the server's message.
    static Result<std::unique_ptr<DatabaseConnection>> open(
        const ConnectionSettings &settings, RetortTables tables = RetortTables::Attached);

    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }
    const ConnectionSettings &settings() const { return m_settings; }
    Dialect dialect() const { return m_settings.dialect; }

private:
    DatabaseConnection(QString name, ConnectionSettings settings);

    QString m_name;
    ConnectionSettings m_settings;
};

} // namespace Retort
