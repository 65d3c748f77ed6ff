#include "serverprobe.h"

#include "databaseconnection.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Retort {

Result<QString> probeServer(const ConnectionSettings &settings)
{
    if (settings.dialect == Dialect::SQLite && settings.sqlitePath != QLatin1String(":memory:") &&
        !QFileInfo::exists(settings.sqlitePath)) {
        // Opening would create an empty file; a test must not leave one behind.
        return Error::at(settings.sqlitePath, 0,
            QCoreApplication::translate("Retort::ServerProbe",
                "the SQLite file does not exist yet (it is created on first "
                "upgrade)"));
    }
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return connection.error();
    QSqlQuery query((*connection)->database());
    const QString sql = settings.dialect == Dialect::SQLite ? sqlResource(QStringLiteral("sqlite_version"))
                                                            : sqlResource(QStringLiteral("server_version"));
    if (!query.exec(sql) || !query.next()) {
        return Error::at({}, 0, redactPasswords(query.lastError().text()));
    }
    const QString version = query.value(0).toString();
    return settings.dialect == Dialect::SQLite ? QStringLiteral("SQLite ") + version : version;
}

} // namespace Retort
