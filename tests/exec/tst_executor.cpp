// The executor on PostgreSQL and SQLite with plans built by hand: each step
// in one transaction with its version-table update and history row, errors
// that name the file, line and SQLSTATE and leave the database at the last
// completed revision, and non-transactional migrations that say what ran.
#include "db/historytable.h"
#include "db/versiontablewriter.h"
#include "executortestutil.h"

#include <QSignalSpy>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class ExecutorTest : public QObject
{
    Q_OBJECT
private slots:
    void upgradesAndDowngradesStepByStep_data();
    void upgradesAndDowngradesStepByStep();
    void failingStatementRollsBackItsMigration_data();
    void failingStatementRollsBackItsMigration();
    void errorLineCountsLinesInsideTheStatement();
    void statementsThatCannotRunInATransactionAreRefusedBeforeAnythingRuns_data();
    void statementsThatCannotRunInATransactionAreRefusedBeforeAnythingRuns();
    void nonTransactionalFailureSaysWhatRanAndBlocksABlindRetry();
    void failedConcurrentIndexIsReportedAsInvalid();
    void branchesAndMergesKeepOneRowPerHead_data();
    void branchesAndMergesKeepOneRowPerHead();
    void stalePlanIsRefused();
    void versionTableChangedBehindTheRunnersBackStopsTheStep();
    void stampSetsRowsAndRecordsIt();
    void missingDowngradeSectionIsAnErrorBeforeAnythingRuns();
};

namespace {

struct Fixture {
    explicit Fixture(Dialect dialect)
        : database(dialect)
    { }
    ScratchDatabase database;
    TemporaryProject files;
};

ExecutionReport runPlan(const Project &project, const ConnectionSettings &settings, const MigrationPlan &plan,
    ExecutionOptions options = {})
{
    Executor executor(project, settings, options);
    if (auto opened = executor.open(); !opened) {
        ExecutionReport report;
        report.outcome = ExecutionReport::Outcome::Failed;
        report.failure = StepFailure(opened.error());
        return report;
    }
    return executor.run(plan);
}

QString describe(const ExecutionReport &report)
{
    return report.failure ? report.failure->error.toString() : QStringLiteral("ok");
}

QList<HistoryEntry> history(const ScratchDatabase &database)
{
    auto connection = database.connect();
    HistoryTable table(connection->database(), connection->dialect(), {}, QStringLiteral("retort_history"));
    return table.entries().value();
}

QStringList versionRows(const ScratchDatabase &database)
{
    auto connection = database.connect();
    VersionTableWriter table(connection->database(), connection->dialect(), {}, QStringLiteral("alembic_version"));
    return table.rows().value();
}

} // namespace

void ExecutorTest::upgradesAndDowngradesStepByStep_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

void ExecutorTest::upgradesAndDowngradesStepByStep()
{
    QFETCH(QString, dialect);
    Fixture f(dialectFromName(dialect));
    QVERIFY(f.database.isValid());
    f.files.writeRevision(QStringLiteral("a1.sql"),
        revisionFile(
            QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);"), QStringLiteral("DROP TABLE t1;")));
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("CREATE TABLE t2 (x int);\nINSERT INTO t2 VALUES (1);"), QStringLiteral("DROP TABLE t2;")));
    f.files.writeRevision(QStringLiteral("c3.sql"),
        revisionFile(QStringLiteral("c3"), QStringLiteral("b2"), QStringLiteral("CREATE TABLE t3 (x int);"),
            QStringLiteral("DROP TABLE t3;")));
    const Project project = loadProject(f.files);

    Executor executor(
        project, f.database.settings(), ExecutionOptions { -1, -1, false, QStringLiteral("retort test") });
    {
        auto opened = executor.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
    }
    QCOMPARE(executor.versionRows().value(), QStringList());
    QSignalSpy started(&executor, &Executor::stepStarted);
    QSignalSpy statements(&executor, &Executor::statementStarted);
    QSignalSpy finished(&executor, &Executor::stepFinished);
    const ExecutionReport up = executor.run(linearPlan(project, { u"a1"_s, u"b2"_s, u"c3"_s }));
    QVERIFY2(up.ok(), qPrintable(describe(up)));
    QCOMPARE(up.stepsCompleted, 3);
    QCOMPARE(up.versionRows, QStringList { QStringLiteral("c3") });
    QCOMPARE(started.size(), 3);
    QCOMPARE(finished.size(), 3);
    QCOMPARE(statements.size(), 4);
    QCOMPARE(statements.at(2).at(3).toInt(), 7); // b2's INSERT, line 7 of its file
    QCOMPARE(executor.versionRows().value(), QStringList { QStringLiteral("c3") });

    // SQLite: the runner's lock keeps other connections out; look through its own.
    QCOMPARE(userTables(executor.database(), f.database.settings().dialect),
        (QStringList { u"alembic_version"_s, u"t1"_s, u"t2"_s, u"t3"_s }));

    const ExecutionReport down =
        executor.run(linearPlan(project, { u"c3"_s, u"b2"_s }, { QStringLiteral("c3") }, Direction::Downgrade));
    QVERIFY2(down.ok(), qPrintable(describe(down)));
    QCOMPARE(down.versionRows, QStringList { QStringLiteral("a1") });
    QCOMPARE(userTables(executor.database(), f.database.settings().dialect),
        (QStringList { u"alembic_version"_s, u"t1"_s }));
    executor.close();

    const QList<HistoryEntry> rows = history(f.database);
    QCOMPARE(rows.size(), 5);
    QStringList summary;
    for (const HistoryEntry &row : rows)
        summary.append(row.revision + QLatin1Char(' ') + historyActionName(row.action) + QLatin1Char(' ') +
            historyOutcomeName(row.outcome) + QLatin1Char(' ') + row.versionAfter.join(QLatin1Char(',')));
    QCOMPARE(summary,
        (QStringList { u"a1 upgrade succeeded a1"_s, u"b2 upgrade succeeded b2"_s, u"c3 upgrade succeeded c3"_s,
            u"c3 downgrade succeeded b2"_s, u"b2 downgrade succeeded a1"_s }));
    QCOMPARE(rows.at(1).script, QStringLiteral("CREATE TABLE t2 (x int);\nINSERT INTO t2 VALUES (1);"));
    QCOMPARE(rows.at(1).checksum, scriptChecksum(rows.at(1).script));
    QCOMPARE(rows.at(1).scriptPath, QStringLiteral("versions/b2.sql"));
    QCOMPARE(rows.at(1).statementsDone, 2);
    QCOMPARE(rows.at(1).toolVersion, QStringLiteral("retort test"));
    QCOMPARE(rows.at(3).script, QStringLiteral("DROP TABLE t3;"));
    QVERIFY(rows.at(0).durationMs >= 0);
    QVERIFY(rows.at(0).startedAt.isValid());
    QVERIFY(rows.at(0).osUser.contains(QLatin1Char('@')));
}

void ExecutorTest::failingStatementRollsBackItsMigration_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("sqlState");
    QTest::newRow("postgresql") << QStringLiteral("postgresql") << QStringLiteral("relation \"missing\" does not exist")
                                << QStringLiteral("42P01");
    QTest::newRow("sqlite") << QStringLiteral("sqlite") << QStringLiteral("no such table: missing") << QString();
}

void ExecutorTest::failingStatementRollsBackItsMigration()
{
    QFETCH(QString, dialect);
    QFETCH(QString, message);
    QFETCH(QString, sqlState);
    Fixture f(dialectFromName(dialect));
    QVERIFY(f.database.isValid());
    f.files.writeRevision(
        QStringLiteral("a1.sql"), revisionFile(QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);")));
    const QString bad = f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("CREATE TABLE t2 (x int);\n\nINSERT INTO missing VALUES (1);\nCREATE TABLE t3 (x int);")));
    f.files.writeRevision(QStringLiteral("c3.sql"),
        revisionFile(QStringLiteral("c3"), QStringLiteral("b2"), QStringLiteral("CREATE TABLE t4 (x int);")));
    const Project project = loadProject(f.files);

    const ExecutionReport report =
        runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s, u"c3"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QCOMPARE(report.stepsCompleted, 1);
    QCOMPARE(report.versionRows, QStringList { QStringLiteral("a1") });
    QVERIFY(report.versionRowsKnown);
    QVERIFY(report.failure);
    const StepFailure &failure = *report.failure;
    QCOMPARE(failure.step, 1);
    QCOMPARE(failure.error.file, bad);
    QCOMPARE(failure.error.line, 8);
    QCOMPARE(failure.error.revision, QStringLiteral("b2"));
    QCOMPARE(failure.error.sqlState, sqlState);
    QVERIFY2(failure.error.message.contains(message), qPrintable(failure.error.message));
    QVERIFY2(!failure.error.message.contains(QLatin1String("ERROR:")), qPrintable(failure.error.message));
    QCOMPARE(failure.statementIndex, 1);
    QCOMPARE(failure.statementCount, 3);
    QCOMPARE(failure.statement, QStringLiteral("INSERT INTO missing VALUES (1)"));
    QVERIFY(failure.transactional);

    auto connection = f.database.connect();
    QCOMPARE(
        userTables(connection->database(), connection->dialect()), (QStringList { u"alembic_version"_s, u"t1"_s }));
    QCOMPARE(versionRows(f.database), QStringList { QStringLiteral("a1") });
    const QList<HistoryEntry> rows = history(f.database);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).outcome, HistoryOutcome::Failed);
    QCOMPARE(rows.at(1).revision, QStringLiteral("b2"));
    QVERIFY2(rows.at(1).error.contains(message), qPrintable(rows.at(1).error));
    QCOMPARE(rows.at(1).versionAfter, QStringList { QStringLiteral("a1") });
}

void ExecutorTest::errorLineCountsLinesInsideTheStatement()
{
    Fixture f(Dialect::PostgreSQL);
    QVERIFY(f.database.isValid());
    f.files.writeRevision(QStringLiteral("a1.sql"),
        revisionFile(QStringLiteral("a1"), {},
            QStringLiteral("CREATE TABLE t (x int);\nSELECT x,\n       x + 1,\n       nosuch\nFROM t;")));
    const Project project = loadProject(f.files);
    const ExecutionReport report = runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s }));
    QVERIFY(report.failure);
    QCOMPARE(report.failure->error.sqlState, QStringLiteral("42703"));
    QCOMPARE(report.failure->error.line, 9); // the statement starts on line 6; u"nosuch"_s is its third line
    QCOMPARE(report.versionRows, QStringList());
}

void ExecutorTest::statementsThatCannotRunInATransactionAreRefusedBeforeAnythingRuns_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("kind");
    QTest::newRow("create-index-concurrently")
        << QStringLiteral("postgresql") << QStringLiteral("CREATE INDEX CONCURRENTLY i ON t1 (x);")
        << QStringLiteral("CREATE INDEX CONCURRENTLY");
    QTest::newRow("unique-index-concurrently-with-comment")
        << QStringLiteral("postgresql") << QStringLiteral("CREATE UNIQUE /* note */ INDEX\n  CONCURRENTLY i ON t1 (x);")
        << QStringLiteral("CREATE INDEX CONCURRENTLY");
    QTest::newRow("drop-index-concurrently")
        << QStringLiteral("postgresql") << QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS i;")
        << QStringLiteral("DROP INDEX CONCURRENTLY");
    QTest::newRow("vacuum") << QStringLiteral("postgresql") << QStringLiteral("VACUUM ANALYZE t1;")
                            << QStringLiteral("VACUUM");
    QTest::newRow("alter-system") << QStringLiteral("postgresql")
                                  << QStringLiteral("ALTER SYSTEM SET work_mem = '64MB';")
                                  << QStringLiteral("ALTER SYSTEM");
    QTest::newRow("create-database") << QStringLiteral("postgresql") << QStringLiteral("CREATE DATABASE other;")
                                     << QStringLiteral("CREATE DATABASE");
    QTest::newRow("commit") << QStringLiteral("postgresql") << QStringLiteral("COMMIT;") << QStringLiteral("COMMIT");
    QTest::newRow("sqlite-vacuum") << QStringLiteral("sqlite") << QStringLiteral("VACUUM;") << QStringLiteral("VACUUM");
    QTest::newRow("sqlite-foreign-keys") << QStringLiteral("sqlite") << QStringLiteral("PRAGMA foreign_keys = OFF;")
                                         << QStringLiteral("PRAGMA foreign_keys");
}

void ExecutorTest::statementsThatCannotRunInATransactionAreRefusedBeforeAnythingRuns()
{
    QFETCH(QString, dialect);
    QFETCH(QString, statement);
    QFETCH(QString, kind);
    Fixture f(dialectFromName(dialect));
    QVERIFY(f.database.isValid());
    f.files.writeRevision(
        QStringLiteral("a1.sql"), revisionFile(QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);")));
    const QString path = f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("SELECT 'CREATE INDEX CONCURRENTLY in a string is fine';\n") + statement));
    const Project project = loadProject(f.files);
    const ExecutionReport report = runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QCOMPARE(report.stepsCompleted, 0);
    QVERIFY(report.failure);
    QCOMPARE(report.failure->step, -1);
    QCOMPARE(report.failure->error.file, path);
    QCOMPARE(report.failure->error.line, 7);
    QVERIFY2(report.failure->error.message.startsWith(kind + QLatin1String(" cannot run inside a transaction")),
        qPrintable(report.failure->error.message));
    QVERIFY(report.failure->error.message.contains(QLatin1String("transactional: false")));
    // Nothing ran: not a1, and not even the version table was created.
    auto connection = f.database.connect();
    QCOMPARE(userTables(connection->database(), connection->dialect()), QStringList());
}

void ExecutorTest::nonTransactionalFailureSaysWhatRanAndBlocksABlindRetry()
{
    Fixture f(Dialect::PostgreSQL);
    QVERIFY(f.database.isValid());
    f.files.writeRevision(QStringLiteral("a1.sql"),
        revisionFile(QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int, y int);")));
    const QString path = f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("CREATE INDEX CONCURRENTLY ix_x ON t1 (x);\nCREATE INDEX CONCURRENTLY ix_z ON t1 (z);\n"
                           "CREATE INDEX CONCURRENTLY ix_y ON t1 (y);"),
            QStringLiteral("SELECT 1;"), QStringLiteral("-- transactional: false\n")));
    const Project project = loadProject(f.files);
    const ExecutionReport report = runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QCOMPARE(report.stepsCompleted, 1);
    QCOMPARE(report.versionRows, QStringList { QStringLiteral("a1") });
    QVERIFY(report.failure);
    QVERIFY(!report.failure->transactional);
    QCOMPARE(report.failure->error.line, 8);
    QCOMPARE(report.failure->error.sqlState, QStringLiteral("42703"));
    QCOMPARE(report.failure->completedStatementLines, QList<int> { 7 });
    QCOMPARE(report.failure->statementIndex, 1);

    auto connection = f.database.connect();
    QCOMPARE(column(connection->database(), QStringLiteral("SELECT indexname FROM pg_indexes WHERE tablename = 't1'")),
        QStringList { QStringLiteral("ix_x") });
    const QList<HistoryEntry> rows = history(f.database);
    QCOMPARE(rows.last().outcome, HistoryOutcome::Failed);
    QCOMPARE(rows.last().statementsDone, 1);

    // The next run does not repeat the statements that ran without being told.
    const MigrationPlan again = linearPlan(project, { u"b2"_s }, { QStringLiteral("a1") });
    const ExecutionReport refused = runPlan(project, f.database.settings(), again);
    QCOMPARE(refused.outcome, ExecutionReport::Outcome::Failed);
    QVERIFY(refused.failure);
    QCOMPARE(refused.failure->error.file, path);
    QVERIFY2(refused.failure->error.message.contains(QLatin1String("did not finish when it last ran")),
        qPrintable(refused.failure->error.message));
    QVERIFY(refused.failure->error.message.contains(QLatin1String("--retry-incomplete")));
    QCOMPARE(history(f.database).size(), rows.size());

    // Fixed by the user (the file and the half-made index), retried on purpose.
    QVERIFY(QSqlQuery(connection->database()).exec(QStringLiteral("DROP INDEX ix_x")));
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("CREATE INDEX CONCURRENTLY ix_x ON t1 (x);\nCREATE INDEX CONCURRENTLY ix_y ON t1 (y);"),
            QStringLiteral("SELECT 1;"), QStringLiteral("-- transactional: false\n")));
    const Project fixed = loadProject(f.files);
    ExecutionOptions retry;
    retry.retryIncomplete = true;
    const ExecutionReport retried =
        runPlan(fixed, f.database.settings(), linearPlan(fixed, { u"b2"_s }, { u"a1"_s }), retry);
    QVERIFY2(retried.ok(), qPrintable(describe(retried)));
    QCOMPARE(retried.versionRows, QStringList { QStringLiteral("b2") });
    QCOMPARE(history(f.database).last().outcome, HistoryOutcome::Succeeded);
    QCOMPARE(history(f.database).last().statementsDone, 2);
}

void ExecutorTest::failedConcurrentIndexIsReportedAsInvalid()
{
    Fixture f(Dialect::PostgreSQL);
    QVERIFY(f.database.isValid());
    f.files.writeRevision(QStringLiteral("a1.sql"),
        revisionFile(
            QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);\nINSERT INTO t1 VALUES (1), (1);")));
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"),
            QStringLiteral("CREATE UNIQUE INDEX CONCURRENTLY ux_x ON t1 (x);"), QStringLiteral("SELECT 1;"),
            QStringLiteral("-- transactional: false\n")));
    const Project project = loadProject(f.files);
    const ExecutionReport report = runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s }));
    QVERIFY(report.failure);
    QCOMPARE(report.failure->error.sqlState, QStringLiteral("23505"));
    QCOMPARE(report.failure->completedStatementLines, QList<int>());
    QCOMPARE(report.failure->advice.size(), 1);
    QVERIFY2(report.failure->advice.first().contains(QLatin1String("public.ux_x was left INVALID")),
        qPrintable(report.failure->advice.first()));
    QVERIFY(report.failure->advice.first().contains(QLatin1String("DROP INDEX CONCURRENTLY public.ux_x;")));
}

void ExecutorTest::branchesAndMergesKeepOneRowPerHead_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

void ExecutorTest::branchesAndMergesKeepOneRowPerHead()
{
    QFETCH(QString, dialect);
    Fixture f(dialectFromName(dialect));
    QVERIFY(f.database.isValid());
    // a1 -> (b2, c3) -> m4 (merge), and an independent base x5.
    f.files.writeRevision(
        QStringLiteral("a1.sql"), revisionFile(QStringLiteral("a1"), {}, QStringLiteral("SELECT 1;")));
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"), QStringLiteral("SELECT 2;")));
    f.files.writeRevision(QStringLiteral("c3.sql"),
        revisionFile(QStringLiteral("c3"), QStringLiteral("a1"), QStringLiteral("SELECT 3;")));
    f.files.writeRevision(QStringLiteral("m4.sql"),
        revisionFile(QStringLiteral("m4"), QStringLiteral("b2, c3"), QStringLiteral("SELECT 4;")));
    f.files.writeRevision(
        QStringLiteral("x5.sql"), revisionFile(QStringLiteral("x5"), {}, QStringLiteral("SELECT 5;")));
    const Project project = loadProject(f.files);
    const auto step = [&](const QString &id, QStringList after) {
        return PlanStep { project.graph.indexOf(id), Direction::Upgrade, after };
    };
    MigrationPlan plan;
    plan.steps = { step(u"a1"_s, { u"a1"_s }), step(u"b2"_s, { u"b2"_s }), step(u"c3"_s, { u"b2"_s, u"c3"_s }),
        step(u"x5"_s, { u"b2"_s, u"c3"_s, u"x5"_s }), step(u"m4"_s, { u"m4"_s, u"x5"_s }) };
    Executor executor(project, f.database.settings(), {});
    {
        auto opened = executor.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
    }
    QStringList seen;
    connect(&executor, &Executor::stepFinished, this,
        [&](int) { seen.append(executor.versionRows().value().join(QLatin1Char('+'))); });
    const ExecutionReport report = executor.run(plan);
    QVERIFY2(report.ok(), qPrintable(describe(report)));
    QCOMPARE(seen, (QStringList { u"a1"_s, u"b2"_s, u"b2+c3"_s, u"b2+c3+x5"_s, u"m4+x5"_s }));

    MigrationPlan down;
    down.direction = Direction::Downgrade;
    down.versionRowsBefore = { u"m4"_s, u"x5"_s };
    down.steps = { PlanStep { project.graph.indexOf(QStringLiteral("m4")), Direction::Downgrade,
                       { u"b2"_s, u"c3"_s, u"x5"_s } },
        PlanStep { project.graph.indexOf(QStringLiteral("x5")), Direction::Downgrade, { u"b2"_s, u"c3"_s } },
        PlanStep { project.graph.indexOf(QStringLiteral("c3")), Direction::Downgrade, { u"b2"_s } } };
    seen.clear();
    const ExecutionReport reverted = executor.run(down);
    QVERIFY2(reverted.ok(), qPrintable(describe(reverted)));
    QCOMPARE(seen, (QStringList { u"b2+c3+x5"_s, u"b2+c3"_s, u"b2"_s }));
}

void ExecutorTest::stalePlanIsRefused()
{
    Fixture f(Dialect::SQLite);
    f.files.writeRevision(
        QStringLiteral("a1.sql"), revisionFile(QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);")));
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"), QStringLiteral("CREATE TABLE t2 (x int);")));
    const Project project = loadProject(f.files);
    QVERIFY(runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s })).ok());
    // A plan made while the database was still empty.
    const ExecutionReport report = runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QVERIFY(report.failure);
    QVERIFY2(
        report.failure->error.message.contains(QLatin1String("the database is at a1, but the plan starts from base")),
        qPrintable(report.failure->error.message));
    QCOMPARE(versionRows(f.database), QStringList { QStringLiteral("a1") });
    auto connection = f.database.connect();
    QCOMPARE(
        userTables(connection->database(), connection->dialect()), (QStringList { u"alembic_version"_s, u"t1"_s }));
}

void ExecutorTest::versionTableChangedBehindTheRunnersBackStopsTheStep()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    auto connection = database.connect();
    VersionTableWriter writer(connection->database(), Dialect::PostgreSQL, {}, QStringLiteral("alembic_version"));
    QVERIFY(writer.createIfMissing().ok());
    QVERIFY(writer.change({}, { QStringLiteral("a1") }).ok());
    // Someone else moved the head: moving a1 to b2 must not match any row.
    QVERIFY(QSqlQuery(connection->database()).exec(QStringLiteral("UPDATE alembic_version SET version_num = 'zz'")));
    Result<void> moved = writer.change({ QStringLiteral("a1") }, { QStringLiteral("b2") });
    QVERIFY(!moved.ok());
    QVERIFY2(moved.error().message.contains(QLatin1String("but 0 matched")), qPrintable(moved.error().message));
    QCOMPARE(writer.rows().value(), QStringList { QStringLiteral("zz") });
    QCOMPARE(writer.changeStatements({ u"a1"_s, u"b2"_s }, { u"m3"_s }),
        (QStringList { u"DELETE FROM \"alembic_version\" WHERE version_num = 'b2'"_s,
            u"UPDATE \"alembic_version\" SET version_num = 'm3' WHERE version_num = 'a1'"_s }));
}

void ExecutorTest::stampSetsRowsAndRecordsIt()
{
    Fixture f(Dialect::SQLite);
    f.files.writeRevision(
        QStringLiteral("a1.sql"), revisionFile(QStringLiteral("a1"), {}, QStringLiteral("CREATE TABLE t1 (x int);")));
    const Project project = loadProject(f.files);
    Executor executor(project, f.database.settings(), {});
    {
        auto opened = executor.open();
        QVERIFY2(opened.ok(), qPrintable(opened ? QString() : opened.error().toString()));
    }
    QVERIFY(executor.stamp({}, { QStringLiteral("a1") }, QStringLiteral("a1")).ok());
    QCOMPARE(executor.versionRows().value(), QStringList { QStringLiteral("a1") });
    Result<void> stale = executor.stamp({}, { QStringLiteral("a1") }, QStringLiteral("a1"));
    QVERIFY(!stale.ok());
    QVERIFY(executor.stamp({ QStringLiteral("a1") }, {}, QStringLiteral("base")).ok());
    QCOMPARE(executor.versionRows().value(), QStringList());
    executor.close();
    const QList<HistoryEntry> rows = history(f.database);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).action, HistoryAction::Stamp);
    QCOMPARE(rows.at(0).versionAfter, QStringList { QStringLiteral("a1") });
    QCOMPARE(rows.at(1).revision, QStringLiteral("base"));
    // Stamping ran nothing.
    auto connection = f.database.connect();
    QVERIFY(!userTables(connection->database(), connection->dialect()).contains(QStringLiteral("t1")));
}

void ExecutorTest::missingDowngradeSectionIsAnErrorBeforeAnythingRuns()
{
    Fixture f(Dialect::SQLite);
    f.files.writeRevision(QStringLiteral("a1.sql"),
        "-- revision: a1\n-- down_revision:\n-- message: m\n\n-- migrate:upgrade\nCREATE TABLE t1 (x int);\n");
    f.files.writeRevision(QStringLiteral("b2.sql"),
        revisionFile(QStringLiteral("b2"), QStringLiteral("a1"), QStringLiteral("CREATE TABLE t2 (x int);"),
            QStringLiteral("DROP TABLE t2;")));
    const Project project = loadProject(f.files);
    QVERIFY(runPlan(project, f.database.settings(), linearPlan(project, { u"a1"_s, u"b2"_s })).ok());
    const ExecutionReport report = runPlan(
        project, f.database.settings(), linearPlan(project, { u"b2"_s, u"a1"_s }, { u"b2"_s }, Direction::Downgrade));
    QVERIFY(report.failure);
    QVERIFY2(report.failure->error.message.contains(QLatin1String("has no \"-- migrate:downgrade\" section")),
        qPrintable(report.failure->error.message));
    QCOMPARE(report.stepsCompleted, 0);
    QCOMPARE(versionRows(f.database), QStringList { QStringLiteral("b2") });
}

QTEST_GUILESS_MAIN(ExecutorTest)
#include "tst_executor.moc"
