// Fleets through retort-cli against the real server: fleet files (and
// their bad input), `fleet status`, `upgrade --fleet` with canaries,
// parallel workers, stop-on-failure and --continue, tenant schemas and
// query sources, and the faults a fleet meets (a server that is not there,
// a wrong password, a revision the project does not know, a migration
// failing on one tenant): each reported for its database, nothing
// half-applied.
#include "fleettestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class FleetTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void badFleetFilesAreRefused_data();
    void badFleetFilesAreRefused();
    void upgradesEveryDatabaseAndRerunSkipsThem();
    void faultsAreReportedPerDatabase();
    void stopOnFailureStartsNoFurtherDatabase();
    void failedCanaryStopsTheRest();
    void tenantSchemasHaveTheirOwnVersionTables();
    void queryListsTheDatabases();
    void promoteRunsWhatRanOnTheSource();

private:
    ProcessResult fleetCli(const QStringList &arguments) const
    {
        return runProcess(cliExecutable(), QStringList { u"-p"_s, m_project.path() } + arguments, m_project.path(),
            fleetEnvironment(m_passFile));
    }
    QString writeFleet(const QString &text) const { return m_project.writeFile(u"fleet.ini"_s, text.toUtf8()); }
    static QJsonArray jsonDatabases(const ProcessResult &result)
    {
        return QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"databases"_s).toArray();
    }

    TemporaryProject m_project; // r001..r003
    QString m_passFile;
    QTemporaryDir m_dir;
};

namespace {

QStringList tablesIn(QSqlDatabase db, const QString &schema = u"public"_s)
{
    return column(db, u"SELECT tablename FROM pg_tables WHERE schemaname = '%1' ORDER BY 1"_s.arg(schema));
}

// The outcome of each database in `upgrade --fleet --json`, by name.
QMap<QString, QString> outcomes(const QJsonArray &databases)
{
    QMap<QString, QString> result;
    for (const QJsonValue &value : databases)
        result.insert(value[u"name"_s].toString(), value[u"outcome"_s].toString());
    return result;
}

QString errorOf(const QJsonArray &databases, const QString &name)
{
    for (const QJsonValue &value : databases) {
        if (value[u"name"_s].toString() == name)
            return value[u"error"_s].toString();
    }
    return {};
}

} // namespace

void FleetTest::initTestCase()
{
    QVERIFY2(postgresAvailable(), "run with ./dev test");
    writeLinearProject(m_project, 3);
    m_passFile = m_dir.filePath(u"pgpass"_s);
    DatabaseSet(0).writePassFile(m_passFile);
}

void FleetTest::badFleetFilesAreRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("password-in-url") << u"[database a]\nurl = postgresql://u:secret@h/db\n"_s
                                     << u"fleet.ini:2: a fleet file never holds passwords"_s;
    QTest::newRow("unknown-key") << u"[database a]\nurl = postgresql://u@h/db\ngroop = x\n"_s
                                 << u"fleet.ini:3: unknown key \"groop\" in [database a]"_s;
    QTest::newRow("unknown-section") << u"[databases a]\nurl = postgresql://u@h/db\n"_s
                                     << u"unknown section [databases a]"_s;
    QTest::newRow("section-without-name")
        << u"[database]\nurl = postgresql://u@h/db\n"_s << u"[database] needs a name"_s;
    QTest::newRow("url-and-profile") << u"[database a]\nurl = postgresql://u@h/db\nprofile = p\n"_s
                                     << u"needs either url = ... or profile = ..."_s;
    QTest::newRow("unknown-profile") << u"[database a]\nprofile = nowhere\n"_s
                                     << u"fleet.ini:2: there is no connection profile called \"nowhere\""_s;
    QTest::newRow("bad-schema-name") << u"[schemas s]\nurl = postgresql://u@h/db\nschemas = ok, Bad-Name\n"_s
                                     << u"fleet.ini:3: \"Bad-Name\" is not a plain lower-case schema name"_s;
    QTest::newRow("query-without-sql") << u"[query q]\nurl = postgresql://u@h/db\n"_s
                                       << u"[query q] needs sql = a query"_s;
    QTest::newRow("duplicate-name") << u"[database a]\nurl = postgresql://u@h/one\n"
                                       "[schemas s]\nurl = postgresql://u@h/two\nschemas = a\n"_s
                                    << u"the name \"a\" is used twice (again at fleet.ini:4)"_s;
    QTest::newRow("empty") << u"# nothing yet\n"_s << u"the fleet file lists no database"_s;
}

void FleetTest::badFleetFilesAreRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const QString path = writeFleet(text);
    for (const QStringList &command :
        { QStringList { u"fleet"_s, u"status"_s, path }, QStringList { u"upgrade"_s, u"--fleet"_s, path } }) {
        const ProcessResult result = fleetCli(command);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY2(!result.err.contains(u"secret"_s), qPrintable(result.err));
    }
}

void FleetTest::upgradesEveryDatabaseAndRerunSkipsThem()
{
    DatabaseSet databases(6);
    QVERIFY(databases.isValid());
    QString text;
    for (int i = 1; i <= 6; ++i)
        text += u"[database db%1]\nurl = %2\ngroup = %3\n\n"_s.arg(i).arg(
            databases.fleetUrl(i), i <= 2 ? u"eu"_s : u"us"_s);
    const QString path = writeFleet(text);
    // db1 is already part way: the fleet takes each from where it is.
    QVERIFY(migrateTo(loadProject(m_project), databases.settings(1), u"r002"_s));

    ProcessResult status = fleetCli({ u"fleet"_s, u"status"_s, path });
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    QVERIFY2(status.out.contains(QRegularExpression(u"\\ndb1\\s+eu\\s+r002\\s+1\\s+ok\\n"_s)), qPrintable(status.out));
    QVERIFY2(status.out.contains(QRegularExpression(u"\\ndb6\\s+us\\s+base\\s+3\\s+ok\\n"_s)), qPrintable(status.out));

    ProcessResult run =
        fleetCli({ u"upgrade"_s, u"--fleet"_s, path, u"--parallel"_s, u"3"_s, u"--canary"_s, u"1"_s, u"--json"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QJsonArray report = jsonDatabases(run);
    QCOMPARE(report.size(), 6);
    QCOMPARE(report.at(0)[u"canary"_s].toBool(), true);
    QCOMPARE(report.at(0)[u"before"_s].toArray(), QJsonArray { u"r002"_s });
    QCOMPARE(report.at(0)[u"migrations"_s].toInt(), 1);
    QCOMPARE(report.at(5)[u"before"_s].toArray(), QJsonArray());
    QCOMPARE(report.at(5)[u"migrations"_s].toInt(), 3);
    for (const QJsonValue &database : report) {
        QCOMPARE(database[u"outcome"_s].toString(), u"upgraded"_s);
        QCOMPARE(database[u"after"_s].toArray(), QJsonArray { u"r003"_s });
    }
    // Progress went to stderr, one line per event, since stdout is JSON.
    QVERIFY2(run.err.contains(u"db1: started (canary)"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"db6: running r003 (3/3)"_s), qPrintable(run.err));
    for (int i = 1; i <= 6; ++i) {
        auto check = databases.connect(i);
        QCOMPARE(tablesIn(check->database()), (QStringList { u"alembic_version"_s, u"t001"_s, u"t002"_s, u"t003"_s }));
    }

    // A rerun runs nothing: every database is at the target.
    run = fleetCli({ u"upgrade"_s, u"--fleet"_s, path, u"--parallel"_s, u"2"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"6 databases: 6 up to date"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(u"\\ndb3\\s+us\\s+r003 → r003\\s+\\S+ \\S+\\s+up to date\\n"_s)),
        qPrintable(run.out));
    status = fleetCli({ u"fleet"_s, u"status"_s, path, u"--json"_s });
    QCOMPARE(status.exitCode, 0);
    for (const QJsonValue &database : jsonDatabases(status))
        QCOMPARE(database[u"pending"_s].toInt(), 0);
}

void FleetTest::faultsAreReportedPerDatabase()
{
    DatabaseSet databases(4);
    QVERIFY(databases.isValid());
    // db2 is at a revision the project does not have; db3 has a table in
    // the way of r002, so r002 fails there (and is rolled back whole).
    {
        auto db2 = databases.connect(2);
        column(db2->database(), u"CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"_s);
        column(db2->database(), u"INSERT INTO alembic_version VALUES ('ffff0000')"_s);
        auto db3 = databases.connect(3);
        column(db3->database(), u"CREATE TABLE t002 (x int)"_s);
    }
    const QString wrongPassFile = m_dir.filePath(u"wrong-pgpass"_s);
    databases.writePassFile(wrongPassFile, u"not-the-password"_s);
    const QString path = writeFleet(
        u"[database ok1]\nurl = %1\n\n"
        "[database unknown-revision]\nurl = %2\n\n"
        "[database failing]\nurl = %3\n\n"
        "[database nobody-home]\nurl = postgresql://retort@127.0.0.1:1/none\n\n"
        "[database wrong-password]\nurl = %4?passfile=%5\n\n"
        "[database ok2]\nurl = %6\n"_s.arg(databases.fleetUrl(1), databases.fleetUrl(2), databases.fleetUrl(3),
            databases.fleetUrl(4), wrongPassFile, databases.fleetUrlOf(databases.name(4))));

    const ProcessResult status = fleetCli({ u"fleet"_s, u"status"_s, path, u"--json"_s });
    QCOMPARE(status.exitCode, 1);
    const QJsonArray statuses = jsonDatabases(status);
    QCOMPARE(statuses.at(0)[u"pending"_s].toInt(), 3);
    QCOMPARE(statuses.at(1)[u"reachable"_s].toBool(), true);
    QVERIFY(statuses.at(1)[u"error"_s].toString().contains(u"revision ffff0000, which this project does not have"_s));
    QCOMPARE(statuses.at(3)[u"reachable"_s].toBool(), false);
    QCOMPARE(statuses.at(4)[u"reachable"_s].toBool(), false);

    const ProcessResult run =
        fleetCli({ u"upgrade"_s, u"--fleet"_s, path, u"--continue"_s, u"--parallel"_s, u"2"_s, u"--json"_s });
    QCOMPARE(run.exitCode, 1);
    const QJsonArray report = jsonDatabases(run);
    const QMap<QString, QString> expected {
        { u"ok1"_s, u"upgraded"_s },
        { u"unknown-revision"_s, u"failed"_s },
        { u"failing"_s, u"failed"_s },
        { u"nobody-home"_s, u"failed"_s },
        { u"wrong-password"_s, u"failed"_s },
        { u"ok2"_s, u"upgraded"_s },
    };
    QCOMPARE(outcomes(report), expected);
    QVERIFY2(errorOf(report, u"unknown-revision"_s).contains(u"ffff0000"_s), qPrintable(run.out));
    QVERIFY2(errorOf(report, u"failing"_s).contains(u"r002.sql:"_s), qPrintable(run.out));
    QVERIFY2(errorOf(report, u"failing"_s).contains(u"[SQLSTATE 42P07]"_s), qPrintable(run.out));
    QVERIFY2(errorOf(report, u"nobody-home"_s).contains(u"cannot connect to retort@127.0.0.1:1/none"_s),
        qPrintable(run.out));
    QVERIFY2(errorOf(report, u"wrong-password"_s).contains(u"password authentication failed"_s), qPrintable(run.out));
    QVERIFY(!run.out.contains(u"not-the-password"_s) && !run.err.contains(u"not-the-password"_s));

    // Nothing half-applied: "failing" stopped at r001, r002's table is the
    // one that was there; "unknown-revision" was not touched.
    auto failing = databases.connect(3);
    QCOMPARE(column(failing->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"r001"_s });
    QCOMPARE(tablesIn(failing->database()), (QStringList { u"alembic_version"_s, u"t001"_s, u"t002"_s }));
    QCOMPARE(column(failing->database(), u"SELECT count(*) FROM t002"_s), QStringList { u"0"_s });
    auto unknown = databases.connect(2);
    QCOMPARE(tablesIn(unknown->database()), QStringList { u"alembic_version"_s });
}

void FleetTest::stopOnFailureStartsNoFurtherDatabase()
{
    DatabaseSet databases(4);
    QVERIFY(databases.isValid());
    auto blocked = databases.connect(2);
    column(blocked->database(), u"CREATE TABLE t003 (x int)"_s);
    QString text;
    for (int i = 1; i <= 4; ++i)
        text += u"[database db%1]\nurl = %2\n"_s.arg(i).arg(databases.fleetUrl(i));
    const ProcessResult run = fleetCli({ u"upgrade"_s, u"--fleet"_s, writeFleet(text) });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(QRegularExpression(u"\\ndb1\\s+base → r003\\s+.*upgraded\\n"_s)), qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(u"\\ndb2\\s+base → r002\\s+.*FAILED\\s+.*r003.sql:"_s)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(QRegularExpression(
                 u"\\ndb3\\s+skipped\\s+not started: another database failed \\(stop on failure\\)\\n"_s)),
        qPrintable(run.out));
    QVERIFY2(run.out.contains(u"4 databases: 1 upgraded, 1 failed, 2 skipped"_s), qPrintable(run.out));
    for (int i : { 3, 4 }) {
        auto untouched = databases.connect(i);
        QCOMPARE(tablesIn(untouched->database()), QStringList());
    }
}

void FleetTest::failedCanaryStopsTheRest()
{
    DatabaseSet databases(3);
    QVERIFY(databases.isValid());
    auto canary = databases.connect(1);
    column(canary->database(), u"CREATE TABLE t001 (x int)"_s);
    QString text;
    for (int i = 1; i <= 3; ++i)
        text += u"[database db%1]\nurl = %2\n"_s.arg(i).arg(databases.fleetUrl(i));
    // --continue does not override a canary: that is what canaries are for.
    const ProcessResult run =
        fleetCli({ u"upgrade"_s, u"--fleet"_s, writeFleet(text), u"--canary"_s, u"1"_s, u"--continue"_s, u"--json"_s });
    QCOMPARE(run.exitCode, 1);
    const QJsonArray report = jsonDatabases(run);
    QCOMPARE(outcomes(report),
        (QMap<QString, QString> { { u"db1"_s, u"failed"_s }, { u"db2"_s, u"skipped"_s }, { u"db3"_s, u"skipped"_s } }));
    QCOMPARE(errorOf(report, u"db2"_s), u"not started: a canary database failed"_s);
}

void FleetTest::tenantSchemasHaveTheirOwnVersionTables()
{
    DatabaseSet databases(1);
    QVERIFY(databases.isValid());
    auto shared = databases.connect(1);
    for (const QString &schema : { u"tenant_a"_s, u"tenant_b"_s, u"tenant_c"_s, u"other"_s })
        column(shared->database(), u"CREATE SCHEMA "_s + schema);
    // tenant_b is already at r001.
    column(shared->database(), u"CREATE TABLE tenant_b.t001 (id integer PRIMARY KEY, note text)"_s);
    column(shared->database(), u"CREATE TABLE tenant_b.alembic_version (version_num varchar(32) PRIMARY KEY)"_s);
    column(shared->database(), u"INSERT INTO tenant_b.alembic_version VALUES ('r001')"_s);
    const QString path =
        writeFleet(u"[schemas saas]\nurl = %1\ngroup = tenants\n"
                   "sql = SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tenant%' ORDER BY 1\n"_s.arg(
                       databases.fleetUrl(1)));
    const ProcessResult status = fleetCli({ u"fleet"_s, u"status"_s, path });
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    QVERIFY2(status.out.contains(QRegularExpression(u"\\ntenant_b\\s+tenants\\s+r001\\s+2\\s+ok\\n"_s)),
        qPrintable(status.out));

    const ProcessResult run = fleetCli({ u"upgrade"_s, u"--fleet"_s, path, u"--parallel"_s, u"3"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    QVERIFY2(run.out.contains(u"3 databases: 3 upgraded"_s), qPrintable(run.out));
    for (const QString &schema : { u"tenant_a"_s, u"tenant_b"_s, u"tenant_c"_s }) {
        QCOMPARE(column(shared->database(), u"SELECT version_num FROM %1.alembic_version"_s.arg(schema)),
            QStringList { u"r003"_s });
        QCOMPARE(tablesIn(shared->database(), schema),
            (QStringList { u"alembic_version"_s, u"t001"_s, u"t002"_s, u"t003"_s }));
    }
    QCOMPARE(column(shared->database(), u"SELECT count(*) FROM retort_meta.tenant_b_retort_history"_s),
        QStringList { u"2"_s });
    // Each tenant's history is its own, in Retort's schema, not the tenant's.
    QCOMPARE(tablesIn(shared->database(), u"retort_meta"_s),
        (QStringList { u"tenant_a_retort_history"_s, u"tenant_b_retort_history"_s, u"tenant_c_retort_history"_s }));
    QCOMPARE(tablesIn(shared->database(), u"other"_s), QStringList());
    QCOMPARE(tablesIn(shared->database()), QStringList());
}

void FleetTest::queryListsTheDatabases()
{
    DatabaseSet databases(3);
    QVERIFY(databases.isValid());
    // A catalog table in db1 lists the tenants' databases by name (on the
    // same server) and one by URL.
    auto catalog = databases.connect(1);
    column(catalog->database(), u"CREATE TABLE tenants (name text, url text, region text)"_s);
    column(catalog->database(),
        u"INSERT INTO tenants VALUES ('acme', '%1', 'eu'), ('globex', '%2', 'us')"_s.arg(
            databases.name(2), databases.fleetUrl(3)));
    const QString path = writeFleet(
        u"[query tenants]\nurl = %1\nsql = SELECT name, url, region AS \"group\" FROM tenants ORDER BY name\n"_s.arg(
            databases.fleetUrl(1)));
    const ProcessResult run = fleetCli({ u"upgrade"_s, u"--fleet"_s, path, u"--json"_s, u"r002"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
    const QJsonArray report = jsonDatabases(run);
    QCOMPARE(report.size(), 2);
    QCOMPARE(report.at(0)[u"name"_s].toString(), u"acme"_s);
    QCOMPARE(report.at(0)[u"group"_s].toString(), u"eu"_s);
    QCOMPARE(report.at(1)[u"group"_s].toString(), u"us"_s);
    for (int i : { 2, 3 }) {
        auto check = databases.connect(i);
        QCOMPARE(column(check->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"r002"_s });
    }
    QCOMPARE(tablesIn(catalog->database()), QStringList { u"tenants"_s });
}

void FleetTest::promoteRunsWhatRanOnTheSource()
{
    DatabaseSet databases(2);
    QVERIFY(databases.isValid());
    TemporaryProject files;
    writeLinearProject(files, 3);
    QVERIFY(migrateTo(loadProject(files), databases.settings(1), u"r003"_s));
    QVERIFY(migrateTo(loadProject(files), databases.settings(2), u"r001"_s));
    const auto promote = [&] {
        return runProcess(cliExecutable(),
            { u"-p"_s, files.path(), u"--db"_s, databases.fleetUrl(2), u"promote"_s, databases.fleetUrl(1) }, {},
            fleetEnvironment(m_passFile));
    };
    auto target = databases.connect(2);

    // r003's file changed after it ran on the source: refused, nothing runs.
    files.writeRevision(u"r003.sql"_s, revisionFile(u"r003"_s, u"r002"_s, u"CREATE TABLE t003 (changed int);"_s));
    ProcessResult result = promote();
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"promotion refused: the files of r003 changed since they ran on"_s),
        qPrintable(result.err));
    QCOMPARE(column(target->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"r001"_s });

    // As it ran: the target is brought to r003, with exactly those files.
    writeLinearProject(files, 3);
    result = promote();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.contains(u"2 migrations, each as it ran there (r002, r003)"_s), qPrintable(result.out));
    QCOMPARE(column(target->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"r003"_s });

    // Nothing left to promote.
    result = promote();
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"is already at r003"_s), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(FleetTest)
#include "tst_fleet.moc"
