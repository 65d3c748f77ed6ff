#include "db/databaseconnection.h"
#include "db/serverprobe.h"
#include "testsupport.h"

#include <QFile>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace Retort;

class ServerProbeTest : public QObject
{
    Q_OBJECT
private slots:
    void reportsThePostgresVersion();
    void wrongPasswordIsAClearErrorWithoutThePassword();
    void reportsTheSqliteVersionWithoutCreatingFiles();
    // libpq's own ways of finding a server and a password keep working when
    // the URL or profile leaves them out.
    void findsThePasswordInAPassfile();
    void connectsThroughAServiceFile();
    void takesEverythingFromTheEnvironment();
    void cliConnectsWithThePasswordFromAPassfile();
};

namespace {

// Sets environment variables for one test and restores them afterwards.
class EnvironmentOverride
{
public:
    void set(const char *name, const QByteArray &value)
    {
        if (!m_saved.contains(name))
            m_saved.insert(name, qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name)) : std::nullopt);
        qputenv(name, value);
    }
    void unsetFor(std::initializer_list<const char *> names)
    {
        for (const char *name : names) {
            set(name, {});
            qunsetenv(name);
        }
    }
    ~EnvironmentOverride()
    {
        for (auto it = m_saved.cbegin(); it != m_saved.cend(); ++it) {
            if (it.value())
                qputenv(it.key().constData(), *it.value());
            else
                qunsetenv(it.key().constData());
        }
    }

private:
    QMap<QByteArray, std::optional<QByteArray>> m_saved;
};

// A field of a ~/.pgpass line: ':' and '\' are escaped with a backslash.
QByteArray passfileField(const QString &value)
{
    QString escaped = value;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char(':'), QStringLiteral("\\:"));
    return escaped.toUtf8();
}

QString writePrivateFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    file.close();
    // libpq ignores a passfile that others can read.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QByteArray portText(const ConnectionSettings &settings)
{
    return QByteArray::number(settings.port > 0 ? settings.port : 5432);
}

QString currentDatabase(const ConnectionSettings &settings, QString *error)
{
    auto connection = DatabaseConnection::open(settings);
    if (!connection) {
        *error = connection.error().toString();
        return {};
    }
    QSqlQuery query((*connection)->database());
    if (!query.exec(QStringLiteral("SELECT current_database()")) || !query.next()) {
        *error = query.lastError().text();
        return {};
    }
    return query.value(0).toString();
}

} // namespace

void ServerProbeTest::reportsThePostgresVersion()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    Result<QString> version = probeServer(scratch.settings());
    QVERIFY2(version.ok(), qPrintable(version ? QString() : version.error().toString()));
    QVERIFY2(version->startsWith(QStringLiteral("PostgreSQL ")), qPrintable(*version));
}

void ServerProbeTest::wrongPasswordIsAClearErrorWithoutThePassword()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    ConnectionSettings settings = scratch.settings();
    settings.password = QStringLiteral("not-the-password-xyzzy");
    Result<QString> version = probeServer(settings);
    QVERIFY(!version.ok());
    const QString message = version.error().toString();
    QVERIFY2(message.contains(QStringLiteral("password authentication failed")), qPrintable(message));
    QVERIFY2(message.contains(settings.displayName()), qPrintable(message));
    QVERIFY(!message.contains(settings.password));
}

void ServerProbeTest::reportsTheSqliteVersionWithoutCreatingFiles()
{
    QTemporaryDir dir;
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("missing.db"));
    QVERIFY(!probeServer(settings).ok());
    QVERIFY(!QFile::exists(settings.sqlitePath));

    QFile(settings.sqlitePath).open(QIODevice::WriteOnly); // an empty file is an empty database
    Result<QString> version = probeServer(settings);
    QVERIFY2(version.ok(), qPrintable(version ? QString() : version.error().toString()));
    QVERIFY2(version->startsWith(QStringLiteral("SQLite 3.")), qPrintable(*version));
}

void ServerProbeTest::findsThePasswordInAPassfile()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    const ConnectionSettings full = scratch.settings();
    QVERIFY2(!full.password.isEmpty(), "the test server uses password authentication");
    ConnectionSettings settings = full;
    settings.password.clear();

    QTemporaryDir dir;
    EnvironmentOverride environment;
    environment.unsetFor({ "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE" });
    environment.set("PGPASSFILE", writePrivateFile(dir, QStringLiteral("empty"), {}).toLocal8Bit());
    QVERIFY2(!probeServer(settings).ok(), "without a password anywhere the server refuses");

    const QByteArray line = passfileField(full.host) + ':' + portText(full) + ':' + passfileField(full.database) + ':' +
        passfileField(full.user) + ':' + passfileField(full.password) + '\n';
    environment.set("PGPASSFILE", writePrivateFile(dir, QStringLiteral("pgpass"), line).toLocal8Bit());
    Result<QString> version = probeServer(settings);
    QVERIFY2(version.ok(), qPrintable(version ? QString() : version.error().toString()));
}

void ServerProbeTest::connectsThroughAServiceFile()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    const ConnectionSettings full = scratch.settings();

    QTemporaryDir dir;
    const QByteArray service = "[retort_scratch]\nhost=" + full.host.toUtf8() + "\nport=" + portText(full) +
        "\ndbname=" + full.database.toUtf8() + "\nuser=" + full.user.toUtf8() + "\npassword=" + full.password.toUtf8() +
        "\n";
    EnvironmentOverride environment;
    environment.unsetFor({ "PGPASSWORD", "PGSERVICE", "PGHOST", "PGPORT", "PGDATABASE", "PGUSER" });
    environment.set("PGSERVICEFILE", writePrivateFile(dir, QStringLiteral("pg_service.conf"), service).toLocal8Bit());

    Result<ConnectionSettings> settings =
        ConnectionSettings::fromUrl(QStringLiteral("postgresql:///?service=retort_scratch"));
    QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.error().toString()));
    QString error;
    QCOMPARE(currentDatabase(*settings, &error), full.database);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void ServerProbeTest::takesEverythingFromTheEnvironment()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    const ConnectionSettings full = scratch.settings();

    EnvironmentOverride environment;
    environment.unsetFor({ "PGSERVICE", "PGSERVICEFILE", "PGPASSFILE" });
    environment.set("PGHOST", full.host.toUtf8());
    environment.set("PGPORT", portText(full));
    environment.set("PGDATABASE", full.database.toUtf8());
    environment.set("PGUSER", full.user.toUtf8());
    environment.set("PGPASSWORD", full.password.toUtf8());

    Result<ConnectionSettings> settings = ConnectionSettings::fromUrl(QStringLiteral("postgresql://"));
    QVERIFY2(settings.ok(), qPrintable(settings ? QString() : settings.error().toString()));
    QString error;
    QCOMPARE(currentDatabase(*settings, &error), full.database);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void ServerProbeTest::cliConnectsWithThePasswordFromAPassfile()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    const ConnectionSettings full = scratch.settings();
    ConnectionSettings withoutPassword = full;
    withoutPassword.password.clear();

    QTemporaryDir dir;
    const QByteArray line = passfileField(full.host) + ':' + portText(full) + ":*:" + passfileField(full.user) + ':' +
        passfileField(full.password) + '\n';
    const QString passfile = writePrivateFile(dir, QStringLiteral("pgpass"), line);
    const QStringList arguments { QStringLiteral("-p"), Test::demoProjectDirectory(), QStringLiteral("--db"),
        withoutPassword.url(), QStringLiteral("current") };

    const Test::ProcessResult refused = Test::runProcess(Test::cliExecutable(), arguments, {},
        { QStringLiteral("PGPASSFILE=") + dir.filePath(QStringLiteral("missing")), QStringLiteral("PGPASSWORD=") });
    QVERIFY2(refused.exitCode != 0, qPrintable(refused.out));

    const Test::ProcessResult result = Test::runProcess(Test::cliExecutable(), arguments, {},
        { QStringLiteral("PGPASSFILE=") + passfile, QStringLiteral("PGPASSWORD=") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(!result.out.contains(full.password));
    QVERIFY(!result.err.contains(full.password));
}

QTEST_GUILESS_MAIN(ServerProbeTest)
#include "tst_serverprobe.moc"
