// The shadow database: where it comes from (a configured server, a private
// server Retort starts itself, a SQLite file), that it is fresh and dropped
// after, and the messages when it cannot be had or dies half way.
#include "shadow/postgresbinaries.h"
#include "shadow/shadowserver.h"
#include "shadow/shadowsession.h"
#include "shadowtestutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Retort;
using namespace Retort::Test;

class TestShadow : public QObject
{
    Q_OBJECT

private slots:
    void chooseBinaries_data();
    void chooseBinaries();
    void noBinariesSaysWhatToInstall();
    void privateServerIsReusedAndUnixSocketOnly();
    void eachShadowIsFreshAndDroppedAfter();
    void configuredShadowUrl();
    void configuredShadowUrlThatIsNotPostgres();
    void sqliteShadowIsATemporaryFile();
    void serverKilledHalfWay();
    void serverKilledBetweenUsesStartsAgain();
    void laterServersStartFromATemplate();
};

void TestShadow::chooseBinaries_data()
{
    QTest::addColumn<int>("wanted");
    QTest::addColumn<int>("chosen");
    QTest::addColumn<bool>("warns");
    QTest::newRow("same-major") << 16 << 16 << false;
    QTest::newRow("any-takes-newest") << 0 << 17 << false;
    QTest::newRow("missing-major-takes-newest-and-warns") << 15 << 17 << true;
}

void TestShadow::chooseBinaries()
{
    QFETCH(int, wanted);
    QFETCH(int, chosen);
    QFETCH(bool, warns);
    const QList<PostgresBinaries> found = { { QStringLiteral("/usr/lib/postgresql/17/bin"), 17 },
        { QStringLiteral("/usr/lib/postgresql/16/bin"), 16 } };
    QString warning;
    Result<PostgresBinaries> binaries = choosePostgresBinaries(found, wanted, &warning);
    QVERIFY(binaries);
    QCOMPARE(binaries->major, chosen);
    QCOMPARE(!warning.isEmpty(), warns);
    if (warns) {
        QVERIFY2(warning.contains(QLatin1String("PostgreSQL 15")) && warning.contains(QLatin1String("PostgreSQL 17")),
            qPrintable(warning));
    }
}

void TestShadow::noBinariesSaysWhatToInstall()
{
    QString warning;
    Result<PostgresBinaries> none = choosePostgresBinaries(QList<PostgresBinaries>(), 17, &warning);
    QVERIFY(!none);
    QVERIFY2(none.error().message.contains(QLatin1String("initdb")), qPrintable(none.error().message));
    QVERIFY2(none.error().message.contains(QLatin1String("apt install postgresql")), qPrintable(none.error().message));
    QVERIFY2(none.error().message.contains(QLatin1String("shadow_url")), qPrintable(none.error().message));
}

void TestShadow::privateServerIsReusedAndUnixSocketOnly()
{
    Result<std::unique_ptr<ShadowDatabase>> first = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    Result<std::unique_ptr<ShadowDatabase>> second = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
    QVERIFY2(second, qPrintable(second ? QString() : second.error().toString()));
    QCOMPARE((*second)->description(), (*first)->description());
    QCOMPARE((*second)->settings().host, (*first)->settings().host);
    QVERIFY((*first)->settings().host.startsWith(QLatin1Char('/'))); // a socket folder, not a host name
    QVERIFY((*second)->settings().database != (*first)->settings().database);

    auto connection = DatabaseConnection::open((*first)->settings());
    QVERIFY(connection);
    QCOMPARE(column((*connection)->database(), QStringLiteral("SHOW listen_addresses")), QStringList { QString() });
    QCOMPARE(column((*connection)->database(), QStringLiteral("SHOW fsync")), QStringList { QStringLiteral("off") });
}

void TestShadow::eachShadowIsFreshAndDroppedAfter()
{
    QString name;
    ConnectionSettings maintenance;
    {
        Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
        QVERIFY2(shadow, qPrintable(shadow ? QString() : shadow.error().toString()));
        name = (*shadow)->settings().database;
        maintenance = (*shadow)->settings();
        maintenance.database = QStringLiteral("postgres");
        auto connection = DatabaseConnection::open((*shadow)->settings());
        QVERIFY(connection);
        QCOMPARE(column((*connection)->database(),
                     QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "WHERE n.nspname = 'public'")),
            QStringList { QStringLiteral("0") });
    }
    auto connection = DatabaseConnection::open(maintenance);
    QVERIFY(connection);
    QCOMPARE(column((*connection)->database(),
                 QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(name)),
        QStringList { QStringLiteral("0") });
}

void TestShadow::configuredShadowUrl()
{
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    ShadowOptions options = shadowFor(Dialect::PostgreSQL);
    options.configuredUrl = qEnvironmentVariable("RETORT_TEST_PG_URL");
    options.configuredFrom = QStringLiteral("retort.ini");
    Result<ConnectionSettings> server = ConnectionSettings::fromUrl(options.configuredUrl);
    QVERIFY(server);
    QString name;
    {
        Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(options);
        QVERIFY2(shadow, qPrintable(shadow ? QString() : shadow.error().toString()));
        QCOMPARE((*shadow)->settings().host, server->host);
        QCOMPARE((*shadow)->settings().port, server->port);
        QVERIFY((*shadow)->description().contains(QLatin1String("retort.ini")));
        name = (*shadow)->settings().database;
        QVERIFY(name != server->database);
    }
    auto connection = DatabaseConnection::open(*server);
    QVERIFY(connection);
    QCOMPARE(column((*connection)->database(),
                 QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(name)),
        QStringList { QStringLiteral("0") });
}

void TestShadow::configuredShadowUrlThatIsNotPostgres()
{
    ShadowOptions options = shadowFor(Dialect::PostgreSQL);
    options.configuredUrl = QStringLiteral("sqlite:///tmp/x.db");
    options.configuredFrom = QStringLiteral("retort.ini");
    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(options);
    QVERIFY(!shadow);
    QVERIFY2(
        shadow.error().message.contains(QLatin1String("shadow_url in retort.ini")), qPrintable(shadow.error().message));
}

void TestShadow::sqliteShadowIsATemporaryFile()
{
    QString path;
    {
        Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(shadowFor(Dialect::SQLite));
        QVERIFY(shadow);
        path = (*shadow)->settings().sqlitePath;
        QVERIFY(path.startsWith(QDir::tempPath()));
        auto connection = DatabaseConnection::open((*shadow)->settings());
        QVERIFY(connection);
        QVERIFY(QFile::exists(path));
    }
    QVERIFY(!QFile::exists(path));
}

static bool killServerOf(const ShadowDatabase &shadow)
{
    QFile pidFile(shadow.settings().host + QStringLiteral("/data/postmaster.pid"));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    const pid_t pid = pid_t(pidFile.readLine().trimmed().toLong());
    if (pid <= 0 || ::kill(pid, SIGKILL) != 0)
        return false;
    for (int i = 0; i < 100 && ::kill(pid, 0) == 0; ++i)
        QTest::qWait(50);
    return true;
}

void TestShadow::serverKilledHalfWay()
{
    TemporaryProject folder;
    folder.writeRevision(
        QStringLiteral("a.sql"), revisionFile(QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);")));
    folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("ALTER TABLE t ADD COLUMN c int;")));
    const Project project = loadProject(folder);
    Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
    QVERIFY2(shadow, qPrintable(shadow ? QString() : shadow.error().toString()));
    const ShadowDatabase &database = **shadow;
    ShadowSession session(project, std::move(*shadow));
    QVERIFY(session.open());
    QVERIFY(session.run(linearPlan(project, { QStringLiteral("a") })).ok());
    QVERIFY(killServerOf(database));
    const ExecutionReport report = session.run(linearPlan(project, { QStringLiteral("b") }, { QStringLiteral("a") }));
    QVERIFY(!report.ok());
    QVERIFY(report.failure);
    QVERIFY2(report.failure->error.message.contains(QLatin1String("the shadow server stopped")),
        qPrintable(report.failure->error.message));
}

void TestShadow::serverKilledBetweenUsesStartsAgain()
{
    {
        Result<std::unique_ptr<ShadowDatabase>> shadow = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
        QVERIFY2(shadow, qPrintable(shadow ? QString() : shadow.error().toString()));
        QVERIFY(killServerOf(**shadow));
    }
    Result<std::unique_ptr<ShadowDatabase>> again = ShadowDatabase::create(shadowFor(Dialect::PostgreSQL));
    QVERIFY2(again, qPrintable(again ? QString() : again.error().toString()));
    auto connection = DatabaseConnection::open((*again)->settings());
    QVERIFY(connection);
}

void TestShadow::laterServersStartFromATemplate()
{
    QTemporaryDir templates;
    QString warning;
    const Result<PostgresBinaries> binaries = choosePostgresBinaries(0, &warning);
    QVERIFY2(binaries, qPrintable(binaries ? QString() : binaries.error().toString()));
    const auto works = [](const ShadowServer &server) {
        auto connection = DatabaseConnection::open(server.maintenanceSettings());
        QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().toString()));
        QCOMPARE(column((*connection)->database(), QStringLiteral("SELECT count(*) FROM pg_database")),
            QStringList { QStringLiteral("3") }); // postgres, template0, template1: nothing else
        QCOMPARE(
            column((*connection)->database(), QStringLiteral("SHOW fsync")), QStringList { QStringLiteral("off") });
        // The server's files are the server's user's, copied or not.
        const QFileInfo data(QDir(server.directory()).filePath(QStringLiteral("data")));
        QCOMPARE(data.ownerId(), QFileInfo(server.directory()).ownerId());
        QCOMPARE(QFileInfo(data.filePath() + QStringLiteral("/global/pg_control")).ownerId(), data.ownerId());
        QCOMPARE(data.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFileDevice::Permissions());
    };

    QString templatePath;
    {
        Result<std::unique_ptr<ShadowServer>> first = ShadowServer::start(*binaries, templates.path());
        QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
        QVERIFY(!(*first)->startedFromTemplate());
        works(**first);
        const QStringList kept = QDir(templates.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(kept.size(), 1);
        templatePath = QDir(templates.path()).filePath(kept.first());
    }
    {
        Result<std::unique_ptr<ShadowServer>> second = ShadowServer::start(*binaries, templates.path());
        QVERIFY2(second, qPrintable(second ? QString() : second.error().toString()));
        QVERIFY((*second)->startedFromTemplate());
        works(**second);
    }
    // A template the server cannot start from is made again by initdb.
    QVERIFY(QFile::remove(templatePath + QStringLiteral("/global/pg_control")));
    {
        Result<std::unique_ptr<ShadowServer>> third = ShadowServer::start(*binaries, templates.path());
        QVERIFY2(third, qPrintable(third ? QString() : third.error().toString()));
        QVERIFY(!(*third)->startedFromTemplate());
        works(**third);
    }
    QVERIFY(QFile::exists(templatePath + QStringLiteral("/global/pg_control")));
}

QTEST_GUILESS_MAIN(TestShadow)
#include "tst_shadow.moc"
