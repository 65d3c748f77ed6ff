// upgrade --sql and downgrade --sql: the script is exactly what a run sends
// (golden files for the demo project), and running it with psql or sqlite3
// leaves the database where retort-cli upgrade would: same schema, same
// version rows, history that check finds in order.
#include "executortestutil.h"

#include <QDir>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class OfflineSqlTest : public QObject
{
    Q_OBJECT
private slots:
    void matchesGoldenFiles_data();
    void matchesGoldenFiles();
    void scriptRunByPsqlEqualsAnOnlineRun();
    void scriptRunBySqliteEqualsAnOnlineRun();
    void downgradeNeedsAStartingPoint();
};

namespace {

ProcessResult cli(const QString &project, const QString &url, const QStringList &arguments)
{
    return runProcess(cliExecutable(), QStringList { u"-p"_s, project } + arguments, project,
        url.isEmpty() ? QStringList { u"DATABASE_URL"_s } : QStringList { u"DATABASE_URL="_s + url });
}

QString reference(const QString &name)
{
    return testDataDirectory() + u"/exec/reference/"_s + name;
}

// Tables, version rows and recorded checksums: what two runs must share.
QStringList stateOf(QSqlDatabase db, Dialect dialect)
{
    // An offline SQLite script keeps the history in the database file (it
    // cannot know the path of Retort's own file); the next run moves it
    // there. Unqualified, SQLite finds it in either.
    QStringList state = userTables(db, dialect);
    state.removeAll(u"retort_history"_s);
    state += column(db, u"SELECT version_num FROM alembic_version ORDER BY 1"_s);
    state += column(db,
        u"SELECT revision || ' ' || action || ' ' || outcome || ' ' || checksum || ' ' || version_after FROM "_s +
            (dialect == Dialect::SQLite ? u"retort_history"_s : u"retort_meta.retort_history"_s) + u" ORDER BY id"_s);
    return state;
}

} // namespace

void OfflineSqlTest::matchesGoldenFiles_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("golden");
    QTest::newRow("demo-upgrade-postgresql")
        << QStringList { u"upgrade"_s, u"--sql"_s } << QString() << u"demo-upgrade-postgresql.sql"_s;
    QTest::newRow("demo-upgrade-sqlite") << QStringList { u"upgrade"_s, u"--sql"_s } << u"sqlite:///demo.sqlite"_s
                                         << u"demo-upgrade-sqlite.sql"_s;
    QTest::newRow("demo-upgrade-range") << QStringList { u"upgrade"_s, u"8a4e0c5d1f92:c5902f4e8b1d"_s, u"--sql"_s }
                                        << QString() << u"demo-upgrade-range.sql"_s;
    QTest::newRow("demo-downgrade-two") << QStringList { u"downgrade"_s, u"heads:-2"_s, u"--sql"_s } << QString()
                                        << u"demo-downgrade-two.sql"_s;
}

void OfflineSqlTest::matchesGoldenFiles()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, url);
    QFETCH(QString, golden);
    const ProcessResult result = cli(demoProjectDirectory(), url, arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.err, QString());
    QString difference;
    QVERIFY2(matchesGoldenFile(result.out, reference(golden), &difference), qPrintable(difference));
}

void OfflineSqlTest::scriptRunByPsqlEqualsAnOnlineRun()
{
    ScratchDatabase offline(Dialect::PostgreSQL);
    ScratchDatabase online(Dialect::PostgreSQL);
    QVERIFY(offline.isValid() && online.isValid());
    const ProcessResult script = cli(demoProjectDirectory(), {}, { u"upgrade"_s, u"--sql"_s });
    QVERIFY2(script.exitCode == 0, qPrintable(script.err));
    const ProcessResult applied = runProcess(u"psql"_s,
        { u"--no-psqlrc"_s, u"--quiet"_s, u"--set=ON_ERROR_STOP=1"_s, u"--dbname="_s + offline.settings().url(),
            u"--file=-"_s },
        {}, {}, script.out.toUtf8());
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    const ProcessResult run = cli(demoProjectDirectory(), online.settings().url(), { u"upgrade"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    auto a = offline.connect();
    auto b = online.connect();
    QCOMPARE(stateOf(a->database(), Dialect::PostgreSQL), stateOf(b->database(), Dialect::PostgreSQL));
    // Nothing pending, nothing changed: check agrees with the script's history.
    const ProcessResult check = cli(demoProjectDirectory(), offline.settings().url(), { u"check"_s });
    QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
}

void OfflineSqlTest::scriptRunBySqliteEqualsAnOnlineRun()
{
    QTemporaryDir dir;
    const QString offlinePath = dir.filePath(u"offline.sqlite"_s);
    const QString onlineUrl = u"sqlite:///"_s + dir.filePath(u"online.sqlite"_s);
    const ProcessResult script =
        cli(demoProjectDirectory(), u"sqlite:///"_s + offlinePath, { u"upgrade"_s, u"--sql"_s });
    QVERIFY2(script.exitCode == 0, qPrintable(script.err));
    // Python's sqlite3 runs a script as the sqlite3 shell does.
    const ProcessResult applied = runProcess(u"python3"_s,
        { u"-c"_s,
            u"import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.executescript(sys.stdin.read())"_s,
            offlinePath },
        {}, {}, script.out.toUtf8());
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QVERIFY2(cli(demoProjectDirectory(), onlineUrl, { u"upgrade"_s }).exitCode == 0, "online upgrade failed");
    ConnectionSettings a;
    a.dialect = Dialect::SQLite;
    a.sqlitePath = offlinePath;
    ConnectionSettings b = a;
    b.sqlitePath = dir.filePath(u"online.sqlite"_s);
    auto ca = DatabaseConnection::open(a).value();
    auto cb = DatabaseConnection::open(b).value();
    QCOMPARE(stateOf(ca->database(), Dialect::SQLite), stateOf(cb->database(), Dialect::SQLite));
}

void OfflineSqlTest::downgradeNeedsAStartingPoint()
{
    const ProcessResult result = cli(demoProjectDirectory(), {}, { u"downgrade"_s, u"base"_s, u"--sql"_s });
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"downgrade --sql needs to know where the database is: give FROM:TO"_s),
        qPrintable(result.err));
    QCOMPARE(result.out, QString());
}

QTEST_GUILESS_MAIN(OfflineSqlTest)
#include "tst_offlinesql.moc"
