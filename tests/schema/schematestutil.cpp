#include "schematestutil.h"

#include "backup/passfile.h"
#include "db/databaseconnection.h"
#include "schema/schemaintrospector.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

namespace Retort::Test {

SchemaDatabases::SchemaDatabases()
{
    if (!postgresAvailable(&m_error))
        return;
    Result<ConnectionSettings> admin = ConnectionSettings::fromUrl(qEnvironmentVariable("RETORT_TEST_PG_URL"));
    if (!admin) {
        m_error = admin.error().toString();
        return;
    }
    m_admin = *admin;
    m_valid = true;
}

SchemaDatabases::~SchemaDatabases()
{
    if (m_created.isEmpty())
        return;
    auto connection = DatabaseConnection::open(m_admin);
    if (!connection)
        return;
    for (const QString &name : std::as_const(m_created))
        QSqlQuery((*connection)->database())
            .exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(name));
}

ConnectionSettings SchemaDatabases::create(QString *error)
{
    static int counter = 0;
    ConnectionSettings settings = m_admin;
    settings.database = QStringLiteral("retort_schema_%1_%2_%3")
                            .arg(QCoreApplication::applicationPid())
                            .arg(QRandomGenerator::global()->generate() % 100000)
                            .arg(++counter);
    const QString failure = executeSql(
        m_admin, QStringLiteral("CREATE DATABASE \"%1\" TEMPLATE template0 STRATEGY FILE_COPY").arg(settings.database));
    if (!failure.isEmpty()) {
        *error = failure;
        return {};
    }
    m_created.append(settings.database);
    return settings;
}

QString executeSql(const ConnectionSettings &settings, const QString &sql)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        return connection.error().toString();
    QSqlQuery query((*connection)->database());
    if (!query.exec(sql))
        return query.lastError().text();
    return {};
}

namespace {

ProcessResult runTool(const QString &program, const ConnectionSettings &settings, const QStringList &arguments,
    const QByteArray &input = {})
{
    auto passFile = PassFile::create(settings);
    if (!passFile) {
        ProcessResult failed;
        failed.err = passFile.error().toString();
        return failed;
    }
    QStringList environment { QStringLiteral("PGPASSWORD") };
    if (!(*passFile)->path().isEmpty())
        environment.append(QStringLiteral("PGPASSFILE=") + (*passFile)->path());
    return runProcess(
        program, QStringList { QStringLiteral("--dbname=") + settings.conninfo() } + arguments, {}, environment, input);
}

} // namespace

QString runPsql(const ConnectionSettings &settings, const QString &script)
{
    const ProcessResult result = runTool(QStringLiteral("psql"), settings,
        { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1") },
        script.toUtf8());
    if (result.exitCode != 0)
        return result.err.isEmpty() ? QStringLiteral("psql failed") : result.err;
    return {};
}

QString pgDumpSchema(const ConnectionSettings &settings, QString *error)
{
    const ProcessResult result = runTool(QStringLiteral("pg_dump"), settings, { QStringLiteral("--schema-only") });
    if (result.exitCode != 0) {
        *error = result.err;
        return {};
    }
    return result.out;
}

QString normalizedPgDump(const ConnectionSettings &settings, QString *error)
{
    QStringList kept;
    for (const QString &line : pgDumpSchema(settings, error).split(QLatin1Char('\n'))) {
        if (line.isEmpty() || line.startsWith(QLatin1String("--")) || line.startsWith(QLatin1String("SET ")) ||
            line.startsWith(QLatin1String("SELECT pg_catalog.set_config")) || line.startsWith(QLatin1Char('\\')))
            continue;
        kept.append(line);
    }
    return kept.join(QLatin1Char('\n'));
}

SchemaModel readSchema(const ConnectionSettings &settings, QString *error)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection) {
        *error = connection.error().toString();
        return {};
    }
    Result<SchemaModel> model = SchemaIntrospector().read((*connection)->database());
    if (!model) {
        *error = model.error().toString();
        return {};
    }
    return *model;
}

} // namespace Retort::Test
