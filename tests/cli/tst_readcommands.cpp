// The read commands on the demo project and real databases: status, current,
// history -i, show current, with SQLite files and the PostgreSQL server, and
// their --json shapes; errors name the revision or database (never a
// password). Golden files in tests/data/cli/reference
// (RETORT_REGENERATE=1 rewrites them).
#include "db/databaseconnection.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

namespace {

// A SQLite database whose version table holds `rows`, as Alembic leaves it.
QString sqliteAt(const QTemporaryDir &dir, const QStringList &rows)
{
    ConnectionSettings settings;
    settings.dialect = Dialect::SQLite;
    settings.sqlitePath = dir.filePath(QStringLiteral("app.db"));
    auto connection = DatabaseConnection::open(settings);
    if (!connection)
        qFatal("%s", qPrintable(connection.error().toString()));
    QSqlQuery query((*connection)->database());
    query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"));
    for (const QString &row : rows)
        query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(row));
    return QStringLiteral("sqlite:///") + settings.sqlitePath;
}

Test::ProcessResult cli(const QStringList &arguments)
{
    return Test::runProcess(
        Test::cliExecutable(), QStringList { QStringLiteral("-p"), Test::demoProjectDirectory() } + arguments);
}

QJsonObject json(const Test::ProcessResult &result)
{
    return QJsonDocument::fromJson(result.out.toUtf8()).object();
}

QStringList strings(const QJsonValue &value)
{
    QStringList result;
    for (const QJsonValue &item : value.toArray())
        result.append(item.toString());
    return result;
}

} // namespace

class ReadCommandsTest : public QObject
{
    Q_OBJECT
private slots:
    void matchesGoldenOutput_data();
    void matchesGoldenOutput();
    void statusJsonShowsCurrentAndPending();
    void currentOnPostgresNeverShowsThePassword();
    void unknownRevisionInTheTableIsNamed();
    void unreachableDatabaseFailsWithOne();
    void badTargetsExitWithTwo_data();
    void badTargetsExitWithTwo();
    void warningsDoNotStopTheCommand();
};

void ReadCommandsTest::matchesGoldenOutput_data()
{
    QTest::addColumn<QStringList>("rows"); // the database's version rows; none: no database file
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("reference");
    const QStringList none;
    // Partly migrated: the documents branch done, billing not started.
    const QStringList partial { QStringLiteral("a8d5f2c7e019") };
    const QStringList both { QStringLiteral("2c7d9b3e5a14"), QStringLiteral("f03b7a9e6d52") };
    QTest::newRow("status-fresh") << none << QStringList { QStringLiteral("status") }
                                  << QStringLiteral("demo-status-fresh.txt");
    QTest::newRow("status-partial") << partial << QStringList { QStringLiteral("status") }
                                    << QStringLiteral("demo-status-partial.txt");
    QTest::newRow("current-two-branches")
        << both << QStringList { QStringLiteral("current") } << QStringLiteral("demo-current-two-branches.txt");
    QTest::newRow("history-indicate-current") << both << QStringList { QStringLiteral("history"), QStringLiteral("-i") }
                                              << QStringLiteral("demo-history-indicate-current.txt");
    QTest::newRow("history-range") << none
                                   << QStringList { QStringLiteral("history"), QStringLiteral("-r"),
                                          QStringLiteral("e2a47c9d5b18:billing@head") }
                                   << QStringLiteral("demo-history-range.txt");
    // "-3:" is taken as the option's value, as argparse takes it for alembic.
    QTest::newRow("history-relative-range") << none
                                            << QStringList { QStringLiteral("history"), QStringLiteral("-r"),
                                                   QStringLiteral("-3:"), QStringLiteral("--verbose") }
                                            << QStringLiteral("demo-history-relative.txt");
    QTest::newRow("branches") << none << QStringList { QStringLiteral("branches") }
                              << QStringLiteral("demo-branches.txt");
    QTest::newRow("show-prefix") << none << QStringList { QStringLiteral("show"), QStringLiteral("d4e8") }
                                 << QStringLiteral("demo-show-merge.txt");
    QTest::newRow("show-current-json") << partial
                                       << QStringList { QStringLiteral("--json"), QStringLiteral("show"),
                                              QStringLiteral("current") }
                                       << QStringLiteral("demo-show-current.json");
}

void ReadCommandsTest::matchesGoldenOutput()
{
    QFETCH(QStringList, rows);
    QFETCH(QStringList, arguments);
    QFETCH(QString, reference);
    QTemporaryDir dir;
    const QString url =
        rows.isEmpty() ? QStringLiteral("sqlite:///") + dir.filePath(QStringLiteral("none.db")) : sqliteAt(dir, rows);
    const Test::ProcessResult result = cli(QStringList { QStringLiteral("--db"), url } + arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(result.err, QString());
    QString output = result.out;
    output.replace(Test::demoProjectDirectory(), QStringLiteral("$PROJECT"));
    output.replace(dir.path(), QStringLiteral("$DATABASE"));
    QString difference;
    QVERIFY2(Test::matchesGoldenFile(
                 output, Test::testDataDirectory() + QStringLiteral("/cli/reference/") + reference, &difference),
        qPrintable(difference));
}

void ReadCommandsTest::statusJsonShowsCurrentAndPending()
{
    QTemporaryDir dir;
    const Test::ProcessResult result = cli({ QStringLiteral("--db"), sqliteAt(dir, { QStringLiteral("a8d5f2c7e019") }),
        QStringLiteral("--json"), QStringLiteral("status") });
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonObject status = json(result);
    QCOMPARE(status.value(QStringLiteral("project")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("native"));
    QCOMPARE(status.value(QStringLiteral("project")).toObject().value(QStringLiteral("revisions")).toInt(), 16);
    QCOMPARE(strings(status.value(QStringLiteral("rows"))), QStringList { QStringLiteral("a8d5f2c7e019") });
    QCOMPARE(strings(status.value(QStringLiteral("current"))), QStringList { QStringLiteral("a8d5f2c7e019") });
    QCOMPARE(status.value(QStringLiteral("version_table_exists")).toBool(), true);
    QCOMPARE(status.value(QStringLiteral("up_to_date")).toBool(), false);
    const QStringList pending = strings(status.value(QStringLiteral("pending")));
    // The billing branch, then what follows the merge; nothing applied twice.
    QVERIFY2(pending.size() == 8, qPrintable(pending.join(QLatin1Char(' '))));
    QCOMPARE(pending.first(), QStringLiteral("4b9f1d7e2c65"));
    QCOMPARE(pending.last(), QStringLiteral("b0e6d4a2f8c5"));
    QVERIFY(!pending.contains(QStringLiteral("a8d5f2c7e019")));
}

void ReadCommandsTest::currentOnPostgresNeverShowsThePassword()
{
    Test::ScratchPostgresDatabase scratch;
    QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
    {
        auto connection = scratch.connect();
        QVERIFY(connection);
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('d4e8c1f6b2a9')")));
    }
    const QString password = scratch.settings().password;
    QVERIFY(!password.isEmpty());
    const Test::ProcessResult result = Test::runProcess(Test::cliExecutable(),
        { QStringLiteral("-p"), Test::demoProjectDirectory(), QStringLiteral("current"), QStringLiteral("--verbose") },
        {}, { QStringLiteral("DATABASE_URL=") + scratch.url() });
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.out.startsWith(QStringLiteral("Current revision(s) for postgresql://")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral(":***@")), qPrintable(result.out));
    QVERIFY2(result.out.contains(QStringLiteral("Rev: d4e8c1f6b2a9 (mergepoint)")), qPrintable(result.out));
    QVERIFY(!result.out.contains(password));
    QVERIFY(!result.err.contains(password));
}

void ReadCommandsTest::unknownRevisionInTheTableIsNamed()
{
    QTemporaryDir dir;
    const QString url = sqliteAt(dir, { QStringLiteral("a8d5f2c7e019"), QStringLiteral("0123deadbeef") });
    for (const QString &command : { QStringLiteral("current"), QStringLiteral("status") }) {
        const Test::ProcessResult result = cli({ QStringLiteral("--db"), url, command });
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("holds 1 revision that this project does not have: 0123deadbeef")),
            qPrintable(result.err));
        QVERIFY2(result.err.contains(dir.filePath(QStringLiteral("app.db"))), qPrintable(result.err));
    }
}

void ReadCommandsTest::unreachableDatabaseFailsWithOne()
{
    const QString url = QStringLiteral("postgresql://someone:s3cret-pw@127.0.0.1:1/nowhere?connect_timeout=2");
    const Test::ProcessResult result = cli({ QStringLiteral("--db"), url, QStringLiteral("current") });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(
        result.err.contains(QStringLiteral("cannot connect to someone@127.0.0.1:1/nowhere")), qPrintable(result.err));
    QVERIFY(!result.err.contains(QStringLiteral("s3cret-pw")));
}

void ReadCommandsTest::badTargetsExitWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ambiguous-prefix-lists-candidates") << QStringList { QStringLiteral("show"),
        QStringLiteral("b0e6") } << QStringLiteral("multiple revisions start with 'b0e6': b0e6d4a2f8c5");
    QTest::newRow("unknown-revision") << QStringList { QStringLiteral("show"), QStringLiteral("zzzz") }
                                      << QStringLiteral("no such revision or branch 'zzzz'");
    QTest::newRow("short-unknown-prefix")
        << QStringList { QStringLiteral("show"), QStringLiteral("zz9") } << QStringLiteral("at least four characters");
    QTest::newRow("range-without-colon") << QStringList { QStringLiteral("history"), QStringLiteral("-r"),
        QStringLiteral("d4e8") } << QStringLiteral("history range requires [start]:[end]");
    QTest::newRow("range-not-on-one-line")
        << QStringList { QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("4b9f1d7e2c65:a8d5f2c7e019") }
        << QStringLiteral("does not refer to ancestor/descendant revisions along the same branch");
    QTest::newRow("no-target") << QStringList { QStringLiteral("show") } << QStringLiteral("show needs one target");
}

void ReadCommandsTest::badTargetsExitWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    // The demo has b0e6d4a2f8c5 and b71d2e9f3a06; add another b0e6 revision.
    Test::TemporaryProject project;
    for (const QString &file :
        QDir(Test::demoProjectDirectory() + QStringLiteral("/versions")).entryList({ QStringLiteral("*.sql") })) {
        QFile source(Test::demoProjectDirectory() + QStringLiteral("/versions/") + file);
        QVERIFY(source.open(QIODevice::ReadOnly));
        project.writeRevision(file, source.readAll());
    }
    project.writeRevision(QStringLiteral("b0e6ffff0000_extra.sql"),
        Test::TemporaryProject::nativeRevision(
            QStringLiteral("b0e6ffff0000"), QStringLiteral("b0e6d4a2f8c5"), QStringLiteral("extra")));
    const Test::ProcessResult result =
        Test::runProcess(Test::cliExecutable(), QStringList { QStringLiteral("-p"), project.path() } + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(expected), qPrintable(result.err));
    if (arguments.value(1) == QLatin1String("b0e6"))
        QVERIFY2(result.err.contains(QStringLiteral("b0e6ffff0000")), qPrintable(result.err));
}

void ReadCommandsTest::warningsDoNotStopTheCommand()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"), "[alembic]\nscript_location = .\n");
    const QString file = project.writeRevision(QStringLiteral("a1_first.py"),
        "from myapp import cli\nrevision = 'a1'\ndown_revision = None\nbranch_labels = (cli.EXPAND,)\n");
    const Test::ProcessResult result =
        Test::runProcess(Test::cliExecutable(), { QStringLiteral("-p"), project.path(), QStringLiteral("heads") });
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out, QStringLiteral("a1 (head)\n"));
    QVERIFY2(
        result.err.startsWith(QStringLiteral("retort-cli: warning: ") + file + QStringLiteral(":4: branch_labels")),
        qPrintable(result.err));
}

QTEST_GUILESS_MAIN(ReadCommandsTest)
#include "tst_readcommands.moc"
