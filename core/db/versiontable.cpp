#include "versiontable.h"

#include "databaseconnection.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::VersionTable", text);
}

Error queryError(const QSqlQuery &query, const QString &table)
{
    const QSqlError error = query.lastError();
    Error result = Error::at({}, 0,
        tr("cannot read the version table %1: %2")
            .arg(table, redactPasswords(error.databaseText().isEmpty() ? error.text() : error.databaseText())));
    result.sqlState = error.nativeErrorCode().size() == 5 ? error.nativeErrorCode() : QString();
    return result;
}

} // namespace

QString VersionTable::quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString VersionTable::qualifiedName(Dialect dialect, const ProjectSettings &settings)
{
    Q_UNUSED(dialect);
    const QString table = quoteIdentifier(settings.versionTable);
    if (settings.versionTableSchema.isEmpty())
        return table;
    return quoteIdentifier(settings.versionTableSchema) + QLatin1Char('.') + table;
}

Result<VersionRows> VersionTable::read(QSqlDatabase database, Dialect dialect, const ProjectSettings &settings)
{
    const QString table = qualifiedName(dialect, settings);
    VersionRows result;
    {
        QSqlQuery exists(database);
        if (dialect == Dialect::PostgreSQL) {
            exists.prepare(sqlResource(QStringLiteral("version_table_exists_postgresql")));
            exists.bindValue(QStringLiteral(":name"), table);
        } else {
            const QString schema = settings.versionTableSchema.isEmpty() ? QStringLiteral("main")
                                                                         : quoteIdentifier(settings.versionTableSchema);
            exists.prepare(
                sqlResource(QStringLiteral("version_table_exists_sqlite"), { { QStringLiteral("schema"), schema } }));
            exists.bindValue(QStringLiteral(":name"), settings.versionTable);
        }
        if (!exists.exec() || !exists.next())
            return queryError(exists, table);
        result.tableExists = exists.value(0).toBool();
    }
    if (!result.tableExists)
        return result;
    QSqlQuery rows(database);
    rows.setForwardOnly(true);
    if (!rows.exec(sqlResource(QStringLiteral("version_rows"), { { QStringLiteral("table"), table } })))
        return queryError(rows, table);
    while (rows.next())
        result.rows.append(rows.value(0).toString());
    result.rows.sort();
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
    auto opened = DatabaseConnection::open(connection);
    if (!opened)
        return opened.error();
    return read((*opened)->database(), connection.dialect, settings);
}

} // namespace Retort
