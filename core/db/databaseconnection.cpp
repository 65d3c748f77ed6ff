#include "databaseconnection.h"

#include "retortschema.h"
#include "sql/sqlresource.h"
#include "sqlerror.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::DatabaseConnection", text);
}

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("retort-%1").arg(++counter);
}

} // namespace

DatabaseConnection::DatabaseConnection(QString name, ConnectionSettings settings)
    : m_name(std::move(name))
    , m_settings(std::move(settings))
{ }

DatabaseConnection::~DatabaseConnection()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<DatabaseConnection>> DatabaseConnection::open(
    const ConnectionSettings &settings, RetortTables tables)
{
    const QString name = uniqueConnectionName();
    const bool sqlite = settings.dialect == Dialect::SQLite;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
        if (!db.isValid()) {
            QSqlDatabase::removeDatabase(name);
            return Error::at({}, 0,
                tr("the Qt SQL driver for %1 is not installed (package libqt6sql6-%2)")
                    .arg(sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"),
                        sqlite ? QStringLiteral("sqlite") : QStringLiteral("psql")));
        }
        if (sqlite) {
            db.setDatabaseName(settings.sqlitePath);
            // Wait for another writer instead of failing at once.
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        } else {
            if (!settings.host.isEmpty())
                db.setHostName(settings.host);
            if (settings.port > 0)
                db.setPort(settings.port);
            db.setDatabaseName(settings.database);
            db.setUserName(settings.user);
            if (!settings.password.isEmpty())
                db.setPassword(settings.password);
            QString options = settings.libpqOptions();
            if (!settings.options.contains(QStringLiteral("application_name")))
                options +=
                    (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("application_name=retort");
            if (!settings.options.contains(QStringLiteral("connect_timeout")))
                options += QStringLiteral(";connect_timeout=10");
            db.setConnectOptions(options);
        }
        if (!db.open()) {
            const QString reason = redactPasswords(db.lastError().text());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return Error::at({}, 0, tr("cannot connect to %1: %2").arg(settings.displayName(), reason));
        }
    }
    if (sqlite && tables == RetortTables::Attached) {
        // Retort's own tables, in their file (see retortSchema()).
        QSqlQuery attach(QSqlDatabase::database(name, false));
        attach.prepare(sqlResource(QStringLiteral("history_attach"), Dialect::SQLite));
        attach.addBindValue(retortSqliteFile(settings.sqlitePath));
        if (!attach.exec()) {
            // A runner holds the write lock (BEGIN EXCLUSIVE covers the
            // attached file too).
            const QString reason = isSqliteBusy(attach.lastError())
                ? tr("another process is writing to the database file")
                : attach.lastError().text();
            attach = QSqlQuery();
            QSqlDatabase::database(name, false).close();
            QSqlDatabase::removeDatabase(name);
            return Error::at(retortSqliteFile(settings.sqlitePath), 0,
                tr("cannot open Retort's file for %1: %2").arg(settings.displayName(), reason));
        }
    }
    return std::unique_ptr<DatabaseConnection>(new DatabaseConnection(name, settings));
}

} // namespace Retort
