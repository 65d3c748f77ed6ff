// How retort-cli picks the database: --db, --profile, DATABASE_URL, libpq.
#include "clicontext.h"
#include "profiles/profilestore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Retort;
using namespace Retort::Cli;

class CliContextTest : public QObject
{
    Q_OBJECT
private slots:
    void usesTheProfile();
    void sqliteProfilesAndUrlsAreRelativeToTheProject();
    void unknownProfileIsAClearError();
    void productionComesFromProfileOrProject();
    void noUrlMeansLibpqDefaults();
    void dbAndProfileTogetherIsBadUsage();
};

namespace {

struct Fixture {
    QTemporaryDir dir;
    QString out;
    QString err;
    QTextStream outStream { &out };
    QTextStream errStream { &err };
    CliContext context { outStream, errStream };
    Fixture() { context.profileFile = dir.filePath(QStringLiteral("profiles.conf")); }
    void save(const ConnectionProfile &profile)
    {
        ProfileStore store(context.profileFile);
        QVERIFY(store.save(profile).ok());
    }
};

} // namespace

void CliContextTest::usesTheProfile()
{
    Fixture f;
    ConnectionProfile profile;
    profile.name = QStringLiteral("staging");
    profile.connection =
        *ConnectionSettings::fromUrl(QStringLiteral("postgresql://deploy@db.example:6543/shop?sslmode=require"));
    f.save(profile);
    f.context.profileName = QStringLiteral("staging");
    Result<ConnectionSettings> settings = f.context.connectionSettings();
    QVERIFY(settings.ok());
    QCOMPARE(settings->host, QStringLiteral("db.example"));
    QCOMPARE(settings->port, 6543);
    QCOMPARE(settings->user, QStringLiteral("deploy"));
    QCOMPARE(settings->options.value(QStringLiteral("sslmode")), QStringLiteral("require"));
}

void CliContextTest::sqliteProfilesAndUrlsAreRelativeToTheProject()
{
    Fixture f;
    f.context.projectDirectory = QStringLiteral("/srv/app/migrations");
    ConnectionProfile profile;
    profile.name = QStringLiteral("local");
    profile.connection.dialect = Dialect::SQLite;
    profile.connection.sqlitePath = QStringLiteral("data/dev.sqlite");
    f.save(profile);
    f.context.profileName = QStringLiteral("local");
    QCOMPARE(f.context.connectionSettings()->sqlitePath, QStringLiteral("/srv/app/migrations/data/dev.sqlite"));

    Fixture g;
    g.context.projectDirectory = QStringLiteral("/srv/app/migrations");
    g.context.databaseUrl = QStringLiteral("sqlite:///dev.db");
    QCOMPARE(g.context.connectionSettings()->sqlitePath, QStringLiteral("/srv/app/migrations/dev.db"));
}

void CliContextTest::unknownProfileIsAClearError()
{
    Fixture f;
    f.context.profileName = QStringLiteral("nope");
    Result<ConnectionSettings> settings = f.context.connectionSettings();
    QVERIFY(!settings.ok());
    QVERIFY2(settings.error().message.contains(QStringLiteral("no connection profile called \"nope\"")),
        qPrintable(settings.error().message));
    QCOMPARE(settings.error().file, f.context.profileFile);
}

void CliContextTest::productionComesFromProfileOrProject()
{
    Fixture f;
    ConnectionProfile profile;
    profile.name = QStringLiteral("prod");
    profile.connection.database = QStringLiteral("shop");
    profile.production = true;
    f.save(profile);
    f.context.projectDirectory = Test::demoProjectDirectory();
    QVERIFY(f.context.project());
    QVERIFY(!f.context.isProductionConnection());
    f.context.profileName = QStringLiteral("prod");
    QVERIFY(f.context.connectionSettings().ok());
    QVERIFY(f.context.isProductionConnection());

    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("retort.ini"), "[retort]\nproduction = true\n");
    Fixture g;
    g.context.projectDirectory = project.path();
    QVERIFY(g.context.project());
    QVERIFY(g.context.isProductionConnection());
}

void CliContextTest::noUrlMeansLibpqDefaults()
{
    Fixture f;
    Result<ConnectionSettings> settings = f.context.connectionSettings();
    QVERIFY(settings.ok());
    QCOMPARE(settings->dialect, Dialect::PostgreSQL);
    QVERIFY(settings->host.isEmpty() && settings->database.isEmpty() && settings->user.isEmpty());
}

void CliContextTest::dbAndProfileTogetherIsBadUsage()
{
    const Test::ProcessResult result = Test::runProcess(Test::cliExecutable(),
        { QStringLiteral("--db"), QStringLiteral("sqlite:///x.db"), QStringLiteral("--profile"), QStringLiteral("p"),
            QStringLiteral("heads") },
        Test::demoProjectDirectory());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("give --db or --profile, not both")), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(CliContextTest)
#include "tst_clicontext.moc"
