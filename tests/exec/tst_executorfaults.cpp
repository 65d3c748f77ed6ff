// The executor when things go wrong around it, on a real PostgreSQL server:
// a cancel from another thread, the backend terminated from another
// connection, a second runner waiting for the lock, the lock's connection
// lost, and per-run timeouts. Each time the database stays at the last
// completed revision and the report says so.
#include "db/historytable.h"
#include "executortestutil.h"

#include <QRegularExpression>
#include <QSignalSpy>

#include <thread>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class ExecutorFaultsTest : public QObject
{
    Q_OBJECT
private slots:
    void cancelFromAnotherThreadRollsBackTheRunningMigration_data();
    void cancelFromAnotherThreadRollsBackTheRunningMigration();
    void cancelPressedTwiceStillRecordsTheCancel_data();
    void cancelPressedTwiceStillRecordsTheCancel();
    void terminatedBackendIsAClearErrorAndAConsistentState_data();
    void terminatedBackendIsAClearErrorAndAConsistentState();
    void secondRunnerWaitsSayingWhoHoldsTheLockThenGivesUp();
    void secondRunnerProceedsOnceTheLockIsFree();
    void lostLockConnectionRollsBackTheStepAndStops();
    void statementAndLockTimeoutsApplyPerRun();
    void sqliteSecondRunnerWaitsForTheWriteLock();
};

namespace {

// Runs `sql` on its own connection in another thread after `delayMs`.
void runLater(const ConnectionSettings &settings, const QString &sql, int delayMs)
{
    std::thread([settings, sql, delayMs] {
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        auto connection = DatabaseConnection::open(settings);
        if (!connection) {
            qWarning("%s", qPrintable(connection.error().toString()));
            return;
        }
        QSqlQuery query((*connection)->database());
        if (!query.exec(sql))
            qWarning("%s", qPrintable(query.lastError().text()));
    }).detach();
}

QString describe(const ExecutionReport &report)
{
    return report.failure ? report.failure->error.toString() : QStringLiteral("ok");
}

void writeSleepyProject(const TemporaryProject &files, bool transactional)
{
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    files.writeRevision(u"b2.sql"_s,
        revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);\nSELECT pg_sleep(30);\nCREATE TABLE t3 (x int);"_s,
            u"SELECT 1;"_s, transactional ? QString() : u"-- transactional: false\n"_s));
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3"_s, u"b2"_s, u"CREATE TABLE t4 (x int);"_s));
}

// Both kinds of migration: one transaction per step, or statement by
// statement in autocommit.
void addTransactionalRows()
{
    QTest::addColumn<bool>("transactional");
    QTest::newRow("transactional") << true;
    QTest::newRow("non-transactional") << false;
}

} // namespace

void ExecutorFaultsTest::cancelFromAnotherThreadRollsBackTheRunningMigration_data()
{
    addTransactionalRows();
}

void ExecutorFaultsTest::cancelFromAnotherThreadRollsBackTheRunningMigration()
{
    QFETCH(bool, transactional);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    writeSleepyProject(files, transactional);
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    connect(&executor, &Executor::statementStarted, this, [&](int step, int statement) {
        if (step == 1 && statement == 1) {
            std::thread([&executor] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                executor.cancel();
            }).detach();
        }
    });
    QElapsedTimer timer;
    timer.start();
    const ExecutionReport report = executor.run(linearPlan(project, { u"a1"_s, u"b2"_s, u"c3"_s }));
    QVERIFY2(timer.elapsed() < 20000, "the sleeping statement was not cancelled");
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Cancelled);
    QCOMPARE(report.stepsCompleted, 1);
    QCOMPARE(report.versionRows, QStringList { u"a1"_s });
    QVERIFY(report.failure);
    QCOMPARE(report.failure->error.sqlState, u"57014"_s);
    QCOMPARE(report.failure->error.line, transactional ? 7 : 8);
    QVERIFY2(report.failure->error.message.startsWith(u"canceling statement due to user request"_s),
        qPrintable(report.failure->error.message));
    QCOMPARE(report.failure->transactional, transactional);
    const QStringList tables = userTables(executor.database(), Dialect::PostgreSQL);
    // Rolled back, or (non-transactional) exactly the statement before it.
    QCOMPARE(tables.contains(u"t2"_s), !transactional);
    QVERIFY(!tables.contains(u"t3"_s) && !tables.contains(u"t4"_s));
    if (!transactional)
        QCOMPARE(report.failure->completedStatementLines, QList<int> { 7 });
    else
        QCOMPARE(report.failure->completedStatementLines, QList<int>());
    HistoryTable history(executor.database(), Dialect::PostgreSQL, {}, u"retort_history"_s);
    QCOMPARE(history.entries().value().last().outcome, HistoryOutcome::Cancelled);
}

void ExecutorFaultsTest::cancelPressedTwiceStillRecordsTheCancel_data()
{
    addTransactionalRows();
}

// Cancel pressed twice: the second request reaches the server while the
// step's history row is written (held there by a trigger that sleeps) and
// cancels that write instead of a migration's statement. The row must still
// say that the step was cancelled, not "running" for ever.
void ExecutorFaultsTest::cancelPressedTwiceStillRecordsTheCancel()
{
    QFETCH(bool, transactional);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    auto admin = database.connect();
    QVERIFY(admin);
    QSqlQuery query(admin->database());
    QVERIFY2(query.exec(u"CREATE FUNCTION slow_cancelled_row() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        u"BEGIN IF NEW.outcome = 'cancelled' THEN PERFORM pg_sleep(1); END IF; RETURN NEW; END $$"_s),
        qPrintable(query.lastError().text()));
    TemporaryProject files;
    writeSleepyProject(files, transactional);
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    std::thread canceller;
    connect(&executor, &Executor::statementStarted, this, [&](int step, int statement) {
        if (step == 0 && statement == 0) { // the history table exists by now
            QVERIFY2(query.exec(u"CREATE TRIGGER slow BEFORE INSERT OR UPDATE ON retort_meta.retort_history "
                                u"FOR EACH ROW EXECUTE FUNCTION slow_cancelled_row()"_s),
                qPrintable(query.lastError().text()));
        }
        if (step == 1 && statement == 1) {
            canceller = std::thread([&executor] {
                std::this_thread::sleep_for(std::chrono::milliseconds(300));
                executor.cancel(); // the sleeping statement
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                executor.cancel(); // the history row, a second late
            });
        }
    });
    const ExecutionReport report = executor.run(linearPlan(project, { u"a1"_s, u"b2"_s, u"c3"_s }));
    canceller.join();
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Cancelled);
    QCOMPARE(report.versionRows, QStringList { u"a1"_s });
    HistoryTable history(executor.database(), Dialect::PostgreSQL, {}, u"retort_history"_s);
    const QList<HistoryEntry> rows = history.entries().value();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.last().revision, u"b2"_s);
    QCOMPARE(rows.last().outcome, HistoryOutcome::Cancelled);
}

void ExecutorFaultsTest::terminatedBackendIsAClearErrorAndAConsistentState_data()
{
    addTransactionalRows();
}

void ExecutorFaultsTest::terminatedBackendIsAClearErrorAndAConsistentState()
{
    QFETCH(bool, transactional);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    writeSleepyProject(files, transactional);
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    connect(&executor, &Executor::statementStarted, this, [&](int step, int statement) {
        if (step == 1 && statement == 1) {
            runLater(database.settings(),
                u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'retort' AND "
                "datname = current_database() AND pid <> pg_backend_pid()"_s,
                300);
        }
    });
    const ExecutionReport report = executor.run(linearPlan(project, { u"a1"_s, u"b2"_s, u"c3"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QVERIFY(report.failure);
    QVERIFY2(report.failure->error.message.startsWith(u"the connection to the server was lost"_s),
        qPrintable(describe(report)));
    QCOMPARE(report.failure->error.sqlState, u"57P01"_s);
    QCOMPARE(report.failure->error.revision, u"b2"_s);
    QCOMPARE(report.failure->error.line, transactional ? 7 : 8);
    // Read back over a new connection: the server rolled the step back.
    QVERIFY(report.versionRowsKnown);
    QCOMPARE(report.versionRows, QStringList { u"a1"_s });

    auto check = database.connect();
    const QStringList tables = userTables(check->database(), Dialect::PostgreSQL);
    QCOMPARE(tables.contains(u"t2"_s), !transactional);
    QVERIFY(!tables.contains(u"t3"_s));
    // The failure was recorded through the lock's connection.
    HistoryTable history(check->database(), Dialect::PostgreSQL, {}, u"retort_history"_s);
    const QList<HistoryEntry> rows = history.entries().value();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.last().revision, u"b2"_s);
    QCOMPARE(rows.last().outcome, HistoryOutcome::Failed);
    QVERIFY2(rows.last().error.contains(u"connection to the server was lost"_s), qPrintable(rows.last().error));
    if (!transactional)
        QCOMPARE(rows.last().statementsDone, 1);
}

void ExecutorFaultsTest::secondRunnerWaitsSayingWhoHoldsTheLockThenGivesUp()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const Project project = loadProject(files);
    Executor first(project, database.settings(), {});
    QVERIFY(first.open().ok());

    ExecutionOptions options;
    options.lockTimeoutMs = 1200;
    Executor second(project, database.settings(), options);
    QSignalSpy waiting(&second, &Executor::lockWaiting);
    QElapsedTimer timer;
    timer.start();
    Result<void> opened = second.open();
    QVERIFY(!opened.ok());
    QVERIFY(timer.elapsed() >= 1200);
    const QString message = opened.error().message;
    QVERIFY2(message.contains(u"another run holds the migration lock on"_s), qPrintable(message));
    QVERIFY2(QRegularExpression(u"held by retort-lock/[0-9a-f]+ \\(pid [0-9]+\\)"_s).match(message).hasMatch(),
        qPrintable(message));
    QVERIFY2(message.contains(u"of user "_s + database.settings().user), qPrintable(message));
    QVERIFY2(message.contains(u"--lock-timeout"_s), qPrintable(message));
    QCOMPARE(waiting.size(), 1);
    QVERIFY(waiting.first().first().toString().contains(u"held by retort-lock"_s));
    // The holder was not disturbed.
    QVERIFY(first.run(linearPlan(project, { u"a1"_s })).ok());
}

void ExecutorFaultsTest::secondRunnerProceedsOnceTheLockIsFree()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const Project project = loadProject(files);
    auto first = std::make_unique<Executor>(project, database.settings(), ExecutionOptions {});
    QVERIFY(first->open().ok());
    QVERIFY(first->run(linearPlan(project, { u"a1"_s })).ok());
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        first->cancel(); // harmless: nothing runs
    });
    release.join();
    first.reset();
    Executor second(project, database.settings(), {});
    QVERIFY(second.open().ok());
    QCOMPARE(second.versionRows().value(), QStringList { u"a1"_s });
}

void ExecutorFaultsTest::lostLockConnectionRollsBackTheStepAndStops()
{
    // The lock's connection is terminated while a1 runs. a1 is not kept —
    // another runner could have taken the lock meanwhile, so the check is
    // made inside the step's transaction, before COMMIT — and the run stops.
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);\nSELECT pg_sleep(3);"_s));
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);"_s));
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    connect(&executor, &Executor::stepStarted, this, [&](int step) {
        if (step == 0) {
            runLater(database.settings(),
                u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'retort-lock/%' "
                u"AND "
                "datname = current_database()"_s,
                200);
        }
    });
    const ExecutionReport report = executor.run(linearPlan(project, { u"a1"_s, u"b2"_s }));
    QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed);
    QCOMPARE(report.stepsCompleted, 0);
    QCOMPARE(report.versionRows, QStringList());
    QVERIFY(report.failure);
    QCOMPARE(report.failure->step, 0);
    QVERIFY2(report.failure->error.message.startsWith(u"the connection holding the migration lock was lost"_s),
        qPrintable(describe(report)));
    auto check = database.connect();
    QCOMPARE(userTables(check->database(), Dialect::PostgreSQL), (QStringList { u"alembic_version"_s }));
}

void ExecutorFaultsTest::statementAndLockTimeoutsApplyPerRun()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"SELECT pg_sleep(10);"_s));
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3"_s, u"a1"_s, u"ALTER TABLE t1 ADD COLUMN y int;"_s));
    const Project project = loadProject(files);
    {
        Executor executor(project, database.settings(), {});
        QVERIFY(executor.open().ok());
        QVERIFY(executor.run(linearPlan(project, { u"a1"_s })).ok());
    }
    ExecutionOptions options;
    options.statementTimeoutMs = 300;
    {
        Executor executor(project, database.settings(), options);
        QVERIFY(executor.open().ok());
        const ExecutionReport report = executor.run(linearPlan(project, { u"b2"_s }, { u"a1"_s }));
        QVERIFY(report.failure);
        QCOMPARE(report.failure->error.sqlState, u"57014"_s);
        QVERIFY2(report.failure->error.message.contains(u"statement timeout"_s), qPrintable(describe(report)));
        QCOMPARE(report.outcome, ExecutionReport::Outcome::Failed); // a timeout is not the user's cancel
    }
    // A table lock held elsewhere: lock_timeout makes the ALTER give up.
    auto holder = database.connect();
    QSqlDatabase holderDb = holder->database();
    QVERIFY(holderDb.transaction());
    QVERIFY(QSqlQuery(holderDb).exec(u"LOCK TABLE t1 IN ACCESS EXCLUSIVE MODE"_s));
    options = {};
    options.lockTimeoutMs = 300;
    Executor executor(project, database.settings(), options);
    QVERIFY(executor.open().ok());
    const ExecutionReport report = executor.run(linearPlan(project, { u"c3"_s }, { u"a1"_s }));
    QVERIFY(report.failure);
    QCOMPARE(report.failure->error.sqlState, u"55P03"_s);
    QVERIFY2(report.failure->error.message.contains(u"lock timeout"_s), qPrintable(describe(report)));
    QCOMPARE(report.versionRows, QStringList { u"a1"_s });
    holderDb.rollback();
}

void ExecutorFaultsTest::sqliteSecondRunnerWaitsForTheWriteLock()
{
    ScratchDatabase database(Dialect::SQLite);
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const Project project = loadProject(files);
    Executor first(project, database.settings(), {});
    QVERIFY(first.open().ok());
    ExecutionOptions options;
    options.lockTimeoutMs = 500;
    Executor second(project, database.settings(), options);
    Result<void> opened = second.open();
    QVERIFY(!opened.ok());
    QVERIFY2(opened.error().message.contains(u"another process is writing to the database file"_s),
        qPrintable(opened.error().message));
    QVERIFY(first.run(linearPlan(project, { u"a1"_s })).ok());
    first.close();
    Executor third(project, database.settings(), options);
    QVERIFY(third.open().ok());
    QCOMPARE(third.versionRows().value(), QStringList { u"a1"_s });
}

QTEST_GUILESS_MAIN(ExecutorFaultsTest)
#include "tst_executorfaults.moc"
