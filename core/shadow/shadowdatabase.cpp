#include "shadowdatabase.h"

#include "db/databaseconnection.h"
#include "db/sqlerror.h"
#include "shadow/shadowserver.h"
#include "sql/sqlresource.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDir>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QVariant>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ShadowDatabase", text);
}

QString freshDatabaseName()
{
    static QAtomicInteger<quint32> counter;
    return QStringLiteral("retort_shadow_%1_%2_%3")
        .arg(QCoreApplication::applicationPid())
        .arg(++counter)
        .arg(QRandomGenerator::global()->generate() % 100000);
}

Result<int> askServerMajor(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(sqlResource(QStringLiteral("server_version_num"), Dialect::PostgreSQL)) || !query.next())
        return sqlError(tr("cannot read the shadow server's version"), query.lastError());
    return query.value(0).toInt() / 10000;
}

} // namespace

ShadowDatabase::~ShadowDatabase()
{
    if (m_settings.dialect != Dialect::PostgreSQL || m_maintenance.database.isEmpty())
        return;
    auto connection = DatabaseConnection::open(m_maintenance);
    if (!connection)
        return; // the server is gone, and the database with it (private) or left for its owner to drop
    QSqlQuery query((*connection)->database());
    (void)query.exec(sqlResource(QStringLiteral("shadow_drop_database"), Dialect::PostgreSQL,
        { { QStringLiteral("name"), quoteIdentifier(m_settings.database) } }));
}

Result<std::unique_ptr<ShadowDatabase>> ShadowDatabase::create(const ShadowOptions &options)
{
    std::unique_ptr<ShadowDatabase> shadow(new ShadowDatabase);
    if (options.dialect == Dialect::SQLite) {
        shadow->m_sqliteFolder =
            std::make_unique<QTemporaryDir>(QDir(QDir::tempPath()).filePath(QStringLiteral("retort-shadow-XXXXXX")));
        if (!shadow->m_sqliteFolder->isValid()) {
            return Error::at({}, 0,
                tr("cannot create a temporary SQLite shadow in %1: %2")
                    .arg(QDir::tempPath(), shadow->m_sqliteFolder->errorString()));
        }
        shadow->m_settings.dialect = Dialect::SQLite;
        shadow->m_settings.sqlitePath = shadow->m_sqliteFolder->filePath(QStringLiteral("shadow.sqlite"));
        shadow->m_description = tr("a temporary SQLite file");
        return shadow;
    }

    if (!options.configuredUrl.isEmpty()) {
        Result<ConnectionSettings> configured = ConnectionSettings::fromUrl(options.configuredUrl);
        if (!configured)
            return Error::at({}, 0, tr("shadow_url in %1: %2").arg(options.configuredFrom, configured.error().message));
        if (configured->dialect != Dialect::PostgreSQL) {
            return Error::at({}, 0,
                tr("shadow_url in %1 must name a PostgreSQL server for a PostgreSQL database")
                    .arg(options.configuredFrom));
        }
        shadow->m_maintenance = *configured;
        shadow->m_description = tr("the shadow_url of %1 (%2)").arg(options.configuredFrom, configured->displayName());
    } else {
        QString warning;
        Result<std::shared_ptr<ShadowServer>> server = ShadowServer::shared(options.targetMajor, &warning);
        if (!server)
            return server.error();
        shadow->m_server = *server;
        shadow->m_maintenance = (*server)->maintenanceSettings();
        shadow->m_description = (*server)->description();
        if (!warning.isEmpty())
            shadow->m_warnings.append(warning);
    }

    auto connection = DatabaseConnection::open(shadow->m_maintenance);
    if (!connection)
        return shadow->explain(connection.error());
    const QSqlDatabase db = (*connection)->database();
    Result<int> major = askServerMajor(db);
    if (!major)
        return major.error();
    shadow->m_serverMajor = *major;
    if (options.targetMajor > 0 && *major != options.targetMajor && !options.configuredUrl.isEmpty()) {
        shadow->m_warnings.append(
            tr("the database runs PostgreSQL %1, the shadow (%2) PostgreSQL %3; what differs between the two "
               "versions may show")
                .arg(options.targetMajor)
                .arg(shadow->m_description)
                .arg(*major));
    }
    const QString name = freshDatabaseName();
    QSqlQuery query(db);
    // On Retort's own server only, and STRATEGY came with PostgreSQL 15.
    const bool copyFiles = shadow->m_server != nullptr && *major >= 15;
    const QString createDatabase =
        copyFiles ? QStringLiteral("shadow_create_database_private") : QStringLiteral("shadow_create_database");
    if (!query.exec(
            sqlResource(createDatabase, Dialect::PostgreSQL, { { QStringLiteral("name"), quoteIdentifier(name) } }))) {
        return shadow->explain(
            sqlError(tr("cannot create a shadow database on %1 (the role needs CREATEDB)").arg(shadow->m_description),
                query.lastError()));
    }
    shadow->m_settings = shadow->m_maintenance;
    shadow->m_settings.database = name;
    if (!query.exec(sqlResource(QStringLiteral("shadow_database_settings"), Dialect::PostgreSQL,
            { { QStringLiteral("name"), quoteIdentifier(name) } }))) {
        return shadow->explain(
            sqlError(tr("cannot set up the shadow database on %1").arg(shadow->m_description), query.lastError()));
    }
    return shadow;
}

Result<int> ShadowDatabase::expectedMajor(const ShadowOptions &options)
{
    if (options.dialect == Dialect::SQLite)
        return 0;
    if (options.configuredUrl.isEmpty()) {
        Result<PostgresBinaries> binaries = choosePostgresBinaries(options.targetMajor, nullptr);
        if (!binaries)
            return binaries.error();
        return binaries->major;
    }
    Result<ConnectionSettings> configured = ConnectionSettings::fromUrl(options.configuredUrl);
    if (!configured)
        return Error::at({}, 0, tr("shadow_url in %1: %2").arg(options.configuredFrom, configured.error().message));
    auto connection = DatabaseConnection::open(*configured);
    if (!connection)
        return connection.error();
    return askServerMajor((*connection)->database());
}

Error ShadowDatabase::explain(Error error) const
{
    if (m_server && !m_server->isRunning()) {
        error.message = tr("the shadow server stopped (%1): %2").arg(m_server->description(), error.message);
        const QString log = m_server->logTail(4);
        if (!log.isEmpty())
            error.message += QLatin1Char('\n') + tr("its log ends with:") + QLatin1Char('\n') + log;
    }
    return error;
}

} // namespace Retort
