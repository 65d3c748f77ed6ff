// The history table on PostgreSQL and SQLite: created when missing, rows
// written and read back exactly, the last successful upgrade of a revision,
// and the checksum of scripts.
#include "db/historytable.h"
#include "project/nativerevisionparser.h"
#include "sql/sqlresource.h"
#include "testsupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Retort;

class HistoryTableTest : public QObject
{
    Q_OBJECT
private slots:
    void everySqlResourceLoads();
    void checksumIgnoresLineEndingsAndSurroundingSpace_data();
    void checksumIgnoresLineEndingsAndSurroundingSpace();
    void scriptIsTheSectionForTheDialect();
    void roundTrip_data();
    void roundTrip();

private:
    std::unique_ptr<DatabaseConnection> open(
        const QString &dialect, QTemporaryDir &dir, std::optional<Test::ScratchPostgresDatabase> &scratch);
};

void HistoryTableTest::everySqlResourceLoads()
{
    for (const char *name : { "history_create", "history_insert", "history_update", "history_select",
             "history_select_revision", "table_exists" }) {
        for (Dialect dialect : { Dialect::PostgreSQL, Dialect::SQLite })
            QVERIFY2(!sqlResource(QLatin1String(name), dialect).isEmpty(), name);
    }
    QVERIFY(sqlResource(QStringLiteral("history_create"), Dialect::PostgreSQL).contains(QLatin1String("timestamptz")));
    QVERIFY(sqlResource(QStringLiteral("history_create"), Dialect::SQLite).contains(QLatin1String("AUTOINCREMENT")));
    QCOMPARE(qualifiedTableName(QStringLiteral("My\"Schema"), QStringLiteral("t")),
        QStringLiteral("\"My\"\"Schema\".\"t\""));
}

void HistoryTableTest::checksumIgnoresLineEndingsAndSurroundingSpace_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("same");
    QTest::newRow("crlf-vs-lf") << QStringLiteral("CREATE TABLE a (x int);\r\nDROP TABLE b;\r\n")
                                << QStringLiteral("CREATE TABLE a (x int);\nDROP TABLE b;\n") << true;
    QTest::newRow("trailing-blank-lines")
        << QStringLiteral("\n\nSELECT 1;\n\n\n") << QStringLiteral("SELECT 1;") << true;
    QTest::newRow("changed-literal") << QStringLiteral("INSERT INTO t VALUES (1);")
                                     << QStringLiteral("INSERT INTO t VALUES (2);") << false;
    QTest::newRow("changed-comment") << QStringLiteral("-- a\nSELECT 1;") << QStringLiteral("-- b\nSELECT 1;") << false;
    QTest::newRow("inner-whitespace") << QStringLiteral("SELECT 1;\nSELECT 2;")
                                      << QStringLiteral("SELECT 1;\n\nSELECT 2;") << false;
}

void HistoryTableTest::checksumIgnoresLineEndingsAndSurroundingSpace()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, same);
    const auto scriptOf = [](const QString &sql) {
        Revision revision;
        SqlSection section;
        section.markerLine = 5;
        section.setUtf8(sql.toUtf8());
        revision.setSections({ section });
        return migrationScript(revision, Direction::Upgrade, Dialect::PostgreSQL).value();
    };
    const QString a = scriptChecksum(scriptOf(first));
    const QString b = scriptChecksum(scriptOf(second));
    QCOMPARE(a.size(), 64);
    QCOMPARE(a == b, same);
}

void HistoryTableTest::scriptIsTheSectionForTheDialect()
{
    Test::TemporaryProject project;
    const QString path = project.writeRevision(QStringLiteral("a.sql"),
        "-- revision: a1\n-- down_revision:\n-- message: m\n\n"
        "-- migrate:upgrade postgresql\nCREATE INDEX CONCURRENTLY i ON t (x);\n\n"
        "-- migrate:upgrade\nCREATE INDEX i ON t (x);\n\n"
        "-- migrate:downgrade\nDROP INDEX i;\n");
    Result<Revision> revision = NativeRevisionParser::parseFile(path);
    QVERIFY2(revision.ok(), qPrintable(revision ? QString() : revision.error().toString()));
    QCOMPARE(migrationScript(*revision, Direction::Upgrade, Dialect::PostgreSQL).value(),
        QStringLiteral("CREATE INDEX CONCURRENTLY i ON t (x);"));
    QCOMPARE(migrationScript(*revision, Direction::Upgrade, Dialect::SQLite).value(),
        QStringLiteral("CREATE INDEX i ON t (x);"));
    QCOMPARE(
        migrationScript(*revision, Direction::Downgrade, Dialect::SQLite).value(), QStringLiteral("DROP INDEX i;"));
    QCOMPARE(scriptChecksum(QStringLiteral("abc")),
        QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

std::unique_ptr<DatabaseConnection> HistoryTableTest::open(
    const QString &dialect, QTemporaryDir &dir, std::optional<Test::ScratchPostgresDatabase> &scratch)
{
    if (dialect == QLatin1String("sqlite")) {
        ConnectionSettings settings;
        settings.dialect = Dialect::SQLite;
        settings.sqlitePath = dir.filePath(QStringLiteral("h.sqlite"));
        auto connection = DatabaseConnection::open(settings);
        return connection ? std::move(*connection) : nullptr;
    }
    scratch.emplace();
    if (!scratch->isValid()) {
        qWarning("%s", qPrintable(scratch->error()));
        return nullptr;
    }
    return scratch->connect();
}

void HistoryTableTest::roundTrip_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("schema");
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << QString();
    QTest::newRow("postgresql") << QStringLiteral("postgresql") << QString();
    QTest::newRow("postgresql-own-schema") << QStringLiteral("postgresql") << QStringLiteral("Migrations");
}

void HistoryTableTest::roundTrip()
{
    QFETCH(QString, dialect);
    QFETCH(QString, schema);
    QTemporaryDir dir;
    std::optional<Test::ScratchPostgresDatabase> scratch;
    auto connection = open(dialect, dir, scratch);
    QVERIFY(connection);
    QSqlDatabase db = connection->database();
    if (!schema.isEmpty())
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE SCHEMA \"%1\"").arg(schema)));

    HistoryTable table(db, connection->dialect(), schema, QStringLiteral("retort_history"));
    QCOMPARE(table.exists().value(), false);
    QCOMPARE(table.entries().value(), QList<HistoryEntry>());
    QVERIFY(table.createIfMissing().ok());
    QVERIFY(table.createIfMissing().ok()); // twice is fine
    QCOMPARE(table.exists().value(), true);

    HistoryEntry applied;
    applied.revision = QStringLiteral("1975ea83b712");
    applied.action = HistoryAction::Upgrade;
    applied.outcome = HistoryOutcome::Succeeded;
    applied.script = QStringLiteral("CREATE TABLE it's (x int);\n-- a ? and :name stay as they are");
    applied.checksum = scriptChecksum(applied.script);
    applied.scriptPath = QStringLiteral("versions/1975ea83b712_x.sql");
    applied.versionAfter = { QStringLiteral("1975ea83b712"), QStringLiteral("27c6a30d7c24") };
    applied.osUser = QStringLiteral("alice@laptop");
    applied.startedAt = QDateTime(QDate(2026, 1, 15), QTime(10, 15, 0, 250), QTimeZone::UTC);
    applied.durationMs = 42;
    applied.toolVersion = QStringLiteral("retort 0.1.0");
    Result<qint64> firstId = table.record(applied);
    QVERIFY2(firstId.ok(), qPrintable(firstId ? QString() : firstId.error().toString()));

    HistoryEntry running = applied;
    running.outcome = HistoryOutcome::Running;
    running.durationMs = -1;
    running.statementsDone = 0;
    running.versionAfter = {};
    Result<qint64> secondId = table.record(running);
    QVERIFY(secondId.ok());
    QVERIFY(*secondId > *firstId);
    QVERIFY(table.finish(*secondId, HistoryOutcome::Failed, 1500, 2, QStringLiteral("boom"), {}).ok());

    HistoryEntry other = applied;
    other.revision = QStringLiteral("27c6a30d7c24");
    other.script.clear();
    other.checksum.clear();
    other.action = HistoryAction::Stamp;
    QVERIFY(table.record(other).ok());

    Result<QList<HistoryEntry>> all = table.entries();
    QVERIFY2(all.ok(), qPrintable(all ? QString() : all.error().toString()));
    QCOMPARE(all->size(), 3);
    HistoryEntry expectedFirst = applied;
    expectedFirst.id = *firstId;
    expectedFirst.databaseUser = all->at(0).databaseUser;
    if (connection->dialect() == Dialect::PostgreSQL)
        QCOMPARE(expectedFirst.databaseUser, connection->settings().user);
    QCOMPARE(all->at(0), expectedFirst);
    QCOMPARE(all->at(1).outcome, HistoryOutcome::Failed);
    QCOMPARE(all->at(1).durationMs, qint64(1500));
    QCOMPARE(all->at(1).statementsDone, 2);
    QCOMPARE(all->at(1).error, QStringLiteral("boom"));
    QCOMPARE(all->at(2).action, HistoryAction::Stamp);
    QVERIFY(all->at(2).script.isNull() || all->at(2).script.isEmpty());

    QCOMPARE(table.entries(QStringLiteral("27c6a30d7c24"))->size(), 1);
    Result<std::optional<HistoryEntry>> last = table.lastApplied(QStringLiteral("1975ea83b712"));
    QVERIFY(last.ok() && last->has_value());
    QCOMPARE((*last)->id, *firstId);
    QVERIFY(!table.lastApplied(QStringLiteral("27c6a30d7c24"))->has_value());
}

QTEST_GUILESS_MAIN(HistoryTableTest)
#include "tst_historytable.moc"
