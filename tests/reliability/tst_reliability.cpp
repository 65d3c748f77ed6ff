// retort-cli against a real PostgreSQL server with faults injected, the way
// migration tools earn trust: killed with SIGKILL at random points of a
// 100-migration upgrade, its backend terminated from another connection,
// interrupted with Ctrl-C, ten runners started at once, and bad input.
// After each, the version table matches the schema, and a re-run completes
// with nothing applied twice.
#include "../exec/executortestutil.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class ReliabilityTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedAtRandomPointsLeavesAConsistentDatabase();
    void terminatedBackendFailsClearlyAndRerunCompletes();
    void ctrlCCancelsTheRunningStatement();
    void tenRunnersAtOnceApplyEachMigrationOnce();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void secondRunnerGivesUpAfterLockTimeout();

private:
    TemporaryProject m_hundred; // 100 revisions: t001 ... t100
};

namespace {

constexpr int kRevisions = 100;

QString revisionId(int n)
{
    return u"r%1"_s.arg(n, 3, 10, QLatin1Char('0'));
}

QStringList environmentFor(const ScratchDatabase &database)
{
    return { u"DATABASE_URL="_s + database.settings().url() };
}

void startCli(QProcess &process, const QString &project, const ScratchDatabase &database, const QStringList &arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DATABASE_URL"_s, database.settings().url());
    process.setProcessEnvironment(environment);
    process.setProgram(cliExecutable());
    process.setArguments(QStringList { u"-p"_s, project } + arguments);
    process.start();
    process.waitForStarted();
}

// Waits until the server has finished with every connection of a killed
// runner (its transaction rolled back, its lock released).
void waitForRunnersToGo(QSqlDatabase db)
{
    for (int i = 0; i < 100; ++i) {
        if (column(db,
                u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                "application_name LIKE 'retort%' AND pid <> pg_backend_pid()"_s)
                .value(0) == u"0"_s)
            return;
        QThread::msleep(50);
    }
}

// Reads the runner's output until it says it is running its `steps`-th
// migration ("Running upgrade ..." as each starts); false when it ended
// first. 0 steps: at once.
bool waitForSteps(QProcess &runner, int steps, QByteArray *output)
{
    while (output->count("Running ") < steps) {
        if (runner.state() == QProcess::NotRunning)
            return false;
        runner.waitForReadyRead(50);
        *output += runner.readAllStandardOutput();
    }
    return true;
}

// The number of the applied revision, and every check that the schema and
// the history agree with it: tables t001..tNNN exist, each with its one
// row, nothing beyond; one successful upgrade recorded per revision.
QString consistencyProblem(QSqlDatabase db, int *applied)
{
    const bool migrated = column(db, u"SELECT to_regclass('alembic_version') IS NOT NULL"_s).value(0) == u"true"_s;
    const QStringList rows = migrated ? column(db, u"SELECT version_num FROM alembic_version"_s) : QStringList();
    if (rows.size() > 1)
        return u"several version rows: "_s + rows.join(u' ');
    const int at = rows.isEmpty() ? 0 : rows.first().mid(1).toInt();
    *applied = at;
    const QStringList tables = column(db,
        u"SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
        "tablename LIKE 't%' ORDER BY 1"_s);
    QStringList expected;
    for (int n = 1; n <= at; ++n)
        expected.append(u"t%1"_s.arg(n, 3, 10, QLatin1Char('0')));
    if (tables != expected)
        return u"version table at %1 but tables %2"_s.arg(at).arg(tables.join(u' '));
    for (const QString &table : expected) {
        if (column(db, u"SELECT count(*) FROM "_s + table).value(0) != u"2"_s)
            return table + u" does not hold exactly its two rows"_s;
    }
    const bool recorded =
        column(db, u"SELECT to_regclass('retort_meta.retort_history') IS NOT NULL"_s).value(0) == u"true"_s;
    const QStringList history = recorded
        ? column(db,
              u"SELECT revision || ':' || count(*) FROM retort_meta.retort_history WHERE action = 'upgrade' AND "
              "outcome = 'succeeded' GROUP BY revision ORDER BY revision"_s)
        : QStringList();
    QStringList expectedHistory;
    for (int n = 1; n <= at; ++n)
        expectedHistory.append(revisionId(n) + u":1"_s);
    if (history != expectedHistory)
        return u"history does not record each applied revision once: "_s + history.join(u' ');
    return {};
}

} // namespace

void ReliabilityTest::initTestCase()
{
    QVERIFY2(postgresAvailable(), "run with ./dev test");
    for (int n = 1; n <= kRevisions; ++n) {
        const QString table = u"t%1"_s.arg(n, 3, 10, QLatin1Char('0'));
        // A few statements each, so that a kill can land inside a migration.
        m_hundred.writeRevision(revisionId(n) + u".sql"_s,
            revisionFile(revisionId(n), n == 1 ? QString() : revisionId(n - 1),
                u"CREATE TABLE %1 (id integer PRIMARY KEY, note text);\n"
                "INSERT INTO %1 SELECT g, md5(g::text) FROM generate_series(1, 2) g;\n"
                "CREATE INDEX %1_note ON %1 (note);\n"
                "COMMENT ON TABLE %1 IS 'revision %2';"_s.arg(table, revisionId(n)),
                u"DROP TABLE %1;"_s.arg(table)));
    }
}

void ReliabilityTest::killedAtRandomPointsLeavesAConsistentDatabase()
{
    // Kill points are set by the runner's progress, not by the clock alone,
    // so that they land part way through a run however loaded the machine
    // is: each trial picks a step k and a delay (seeded), waits until the
    // runner says it is running step k, then waits the delay — up to about
    // two steps' time, so a kill can land inside a statement, between two
    // statements, at COMMIT or between migrations. k = 0 kills it while it
    // starts, connects and takes the lock.
    qint64 startup = 0; // until the first step starts
    qint64 perStep = 0;
    {
        ScratchDatabase database(Dialect::PostgreSQL);
        QVERIFY(database.isValid());
        QElapsedTimer timer;
        timer.start();
        QProcess runner;
        QByteArray output;
        startCli(runner, m_hundred.path(), database, { u"upgrade"_s });
        QVERIFY2(waitForSteps(runner, 1, &output), "the runner printed no progress");
        startup = timer.elapsed();
        QVERIFY(runner.waitForFinished(120000));
        QVERIFY2(runner.exitCode() == 0, runner.readAllStandardError().constData());
        perStep = qMax<qint64>(1, (timer.elapsed() - startup) / kRevisions);
    }
    const quint32 seed = qEnvironmentVariableIsSet("RETORT_TEST_SEED")
        ? quint32(qEnvironmentVariableIntValue("RETORT_TEST_SEED"))
        : 20261124u;
    QRandomGenerator random(seed);
    int interrupted = 0;
    QList<int> reached;
    // Until 20 runs were killed part way; a kill that lands after the last
    // commit still checks the database but does not count. The cap only
    // stops a test that cannot succeed.
    int trial = 0;
    for (; interrupted < 20 && trial < 60; ++trial) {
        ScratchDatabase database(Dialect::PostgreSQL);
        QVERIFY(database.isValid());
        auto check = database.connect();
        const int step = int(random.bounded(kRevisions));
        const int delay = int(random.bounded(qint64(step == 0 ? startup : 2 * perStep) + 1));
        QProcess runner;
        QByteArray output;
        startCli(runner, m_hundred.path(), database, { u"upgrade"_s });
        const bool running = waitForSteps(runner, step, &output);
        QThread::msleep(ulong(delay));
        runner.kill(); // SIGKILL: no handler, no cleanup
        runner.waitForFinished();
        waitForRunnersToGo(check->database());

        int applied = 0;
        const QString problem = consistencyProblem(check->database(), &applied);
        QVERIFY2(problem.isEmpty(),
            qPrintable(u"trial %1 (seed %2, killed %3 ms after step %4 started): %5"_s.arg(trial)
                           .arg(seed)
                           .arg(delay)
                           .arg(step)
                           .arg(problem)));
        if (running && runner.exitStatus() == QProcess::CrashExit && applied < kRevisions)
            ++interrupted;
        reached.append(applied);

        const ProcessResult rerun =
            runProcess(cliExecutable(), { u"-p"_s, m_hundred.path(), u"upgrade"_s }, {}, environmentFor(database));
        QVERIFY2(rerun.exitCode == 0, qPrintable(u"trial %1: %2"_s.arg(trial).arg(rerun.err)));
        QVERIFY2(consistencyProblem(check->database(), &applied).isEmpty(),
            qPrintable(u"trial %1 after re-run"_s.arg(trial)));
        QCOMPARE(applied, kRevisions);
    }
    qInfo("killed %d of %d runs part way (seed %u); revisions reached: %s", interrupted, trial, seed, qPrintable([&] {
        QStringList s;
        for (int r : reached)
            s.append(QString::number(r));
        return s.join(u' ');
    }()));
    QVERIFY(interrupted >= 20);
    // The kills landed at many places of the run, not all at one.
    QVERIFY(std::count_if(reached.cbegin(), reached.cend(), [](int r) { return r > 0 && r < kRevisions; }) >= 10);
}

void ReliabilityTest::terminatedBackendFailsClearlyAndRerunCompletes()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);\nSELECT pg_sleep(300);"_s));
    files.writeRevision(u"c3.sql"_s, revisionFile(u"c3"_s, u"b2"_s, u"CREATE TABLE t3 (x int);"_s));
    auto admin = database.connect();
    QProcess runner;
    startCli(runner, files.path(), database, { u"upgrade"_s });
    // Once b2 sleeps, its backend is terminated. The deadlines are generous
    // because a loaded machine can take long to start the runner; the sleep
    // is longer still, so only the termination can end it.
    bool terminated = false;
    for (QDeadlineTimer deadline(60000); !deadline.hasExpired() && !terminated;) {
        terminated =
            column(admin->database(),
                u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND "
                "query LIKE 'SELECT pg_sleep%' AND state = 'active'"_s)
                .value(0) == u"true"_s;
        QThread::msleep(25);
    }
    QVERIFY(terminated);
    QVERIFY(runner.waitForFinished(150000));
    const QString err = QString::fromUtf8(runner.readAllStandardError());
    QCOMPARE(runner.exitCode(), 1);
    QVERIFY2(err.contains(u"b2.sql:7: the connection to the server was lost"_s), qPrintable(err));
    QVERIFY2(err.contains(u"[SQLSTATE 57P01]"_s), qPrintable(err));
    QVERIFY2(err.contains(u"The migration b2 was rolled back"_s), qPrintable(err));
    QVERIFY2(err.contains(u"The database is at a1."_s), qPrintable(err));
    QCOMPARE(column(admin->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"a1"_s });
    QCOMPARE(userTables(admin->database(), Dialect::PostgreSQL), (QStringList { u"alembic_version"_s, u"t1"_s }));

    // The re-run need not wait for the sleep.
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);\nSELECT pg_sleep(0);"_s));
    const ProcessResult rerun =
        runProcess(cliExecutable(), { u"-p"_s, files.path(), u"upgrade"_s }, {}, environmentFor(database));
    QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.err));
    QCOMPARE(column(admin->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"c3"_s });
}

void ReliabilityTest::ctrlCCancelsTheRunningStatement()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);\nSELECT pg_sleep(300);"_s));
    auto admin = database.connect();
    QProcess runner;
    startCli(runner, files.path(), database, { u"upgrade"_s });
    bool sleeping = false;
    for (QDeadlineTimer deadline(60000); !deadline.hasExpired() && !sleeping;) {
        sleeping = column(admin->database(),
                       u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND query LIKE 'SELECT pg_sleep%' AND state = 'active'"_s)
                       .value(0) == u"1"_s;
        QThread::msleep(25);
    }
    QVERIFY(sleeping);
    QElapsedTimer timer;
    timer.start();
    ::kill(pid_t(runner.processId()), SIGINT);
    // Well under the statement's 300 s: only the cancel can have ended it.
    QVERIFY(runner.waitForFinished(150000));
    QVERIFY2(timer.elapsed() < 150000, "Ctrl-C did not cancel the sleeping statement");
    const QString err = QString::fromUtf8(runner.readAllStandardError());
    QCOMPARE(runner.exitStatus(), QProcess::NormalExit);
    QCOMPARE(runner.exitCode(), 1);
    QVERIFY2(err.contains(u"retort-cli: cancelled: "_s), qPrintable(err));
    QVERIFY2(err.contains(u"canceling statement due to user request [SQLSTATE 57014]"_s), qPrintable(err));
    QVERIFY2(err.contains(u"The database is at a1."_s), qPrintable(err));
    QCOMPARE(column(admin->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"a1"_s });
    QVERIFY(!userTables(admin->database(), Dialect::PostgreSQL).contains(u"t2"_s));
    QCOMPARE(column(admin->database(), u"SELECT outcome FROM retort_meta.retort_history ORDER BY id"_s),
        (QStringList { u"succeeded"_s, u"cancelled"_s }));
}

void ReliabilityTest::tenRunnersAtOnceApplyEachMigrationOnce()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    std::vector<std::unique_ptr<QProcess>> runners;
    for (int i = 0; i < 10; ++i) {
        runners.push_back(std::make_unique<QProcess>());
        startCli(*runners.back(), m_hundred.path(), database, { u"upgrade"_s });
    }
    int waited = 0;
    for (auto &runner : runners) {
        QVERIFY(runner->waitForFinished(120000));
        const QString err = QString::fromUtf8(runner->readAllStandardError());
        QVERIFY2(runner->exitStatus() == QProcess::NormalExit && runner->exitCode() == 0, qPrintable(err));
        waited += err.contains(u"waiting for the migration lock"_s) ? 1 : 0;
    }
    auto check = database.connect();
    int applied = 0;
    const QString problem = consistencyProblem(check->database(), &applied);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(applied, kRevisions);
    QCOMPARE(column(check->database(), u"SELECT count(*) FROM retort_meta.retort_history"_s), QStringList { u"100"_s });
    qInfo("%d of the 10 runners reported waiting for the lock", waited);
}

void ReliabilityTest::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown-revision-in-the-database")
        << u"unknown"_s << 2 << u"is at revision ffffffffffff, which this project does not have"_s;
    QTest::newRow("create-index-concurrently-in-a-transaction")
        << u"concurrently"_s << 2
        << u"b2.sql:7: CREATE INDEX CONCURRENTLY cannot run inside a transaction, and revision b2 runs in one"_s;
    QTest::newRow("unterminated-string") << u"string"_s << 2 << u"b2.sql:7: unterminated quoted string"_s;
    QTest::newRow("unknown-target") << u"target"_s << 2 << u"zzzz"_s;
    QTest::newRow("bad-lock-timeout") << u"duration"_s << 2 << u"--lock-timeout takes a duration"_s;
    QTest::newRow("wrong-password") << u"password"_s << 1 << u"password authentication failed"_s;
}

void ReliabilityTest::badInputChangesNothing()
{
    QFETCH(QString, situation);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    QString b2 = u"CREATE TABLE t2 (x int);"_s;
    if (situation == u"concurrently"_s)
        b2 = u"CREATE TABLE t2 (x int);\nCREATE INDEX CONCURRENTLY ix ON t1 (x);"_s;
    else if (situation == u"string"_s)
        b2 = u"CREATE TABLE t2 (x int);\nINSERT INTO t1 VALUES ('oops);"_s;
    files.writeRevision(u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, b2));
    auto admin = database.connect();
    QSqlQuery setup(admin->database());
    if (situation == u"unknown"_s) {
        QVERIFY(setup.exec(u"CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)"_s));
        QVERIFY(setup.exec(u"INSERT INTO alembic_version VALUES ('ffffffffffff')"_s));
    }
    const QStringList before = userTables(admin->database(), Dialect::PostgreSQL);
    QStringList arguments { u"upgrade"_s };
    QStringList environment = environmentFor(database);
    if (situation == u"target"_s)
        arguments.append(u"zzzz"_s);
    if (situation == u"duration"_s)
        arguments += { u"--lock-timeout"_s, u"soon"_s };
    if (situation == u"password"_s) {
        ConnectionSettings wrong = database.settings();
        wrong.password = u"wrong"_s;
        environment = { u"DATABASE_URL="_s + wrong.url() };
    }
    const ProcessResult result =
        runProcess(cliExecutable(), QStringList { u"-p"_s, files.path() } + arguments, {}, environment);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QCOMPARE(result.out, QString());
    QVERIFY(!result.err.contains(database.settings().password));
    QCOMPARE(userTables(admin->database(), Dialect::PostgreSQL), before);
}

void ReliabilityTest::secondRunnerGivesUpAfterLockTimeout()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const Project project = loadProject(files);
    Executor holder(project, database.settings(), {});
    QVERIFY(holder.open().ok());
    const ProcessResult result = runProcess(cliExecutable(),
        { u"-p"_s, files.path(), u"upgrade"_s, u"--lock-timeout"_s, u"1500ms"_s }, {}, environmentFor(database));
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"another run holds the migration lock on "_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"held by retort-lock/"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"gave up after 1.5 s (--lock-timeout)"_s), qPrintable(result.err));
    QCOMPARE(userTables(holder.database(), Dialect::PostgreSQL), QStringList());
}

QTEST_GUILESS_MAIN(ReliabilityTest)
#include "tst_reliability.moc"
