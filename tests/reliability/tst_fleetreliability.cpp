// `upgrade --fleet` under faults, over fifty real databases: the fleet run
// killed with SIGKILL at random (seeded) points, then every database is
// at a revision that matches its schema and history, and a rerun completes
// the fleet; two fleet runs started at once apply every migration exactly
// once on every database; a run cancelled again and again (SIGTERM, as
// Ctrl-C's first press) while its workers come and go ends cleanly.
#include "../fleet/fleettestutil.h"
#include "consistency.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <csignal>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class FleetReliabilityTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedFleetRunsLeaveEveryDatabaseConsistent();
    void twoFleetRunsAtOnceApplyEachMigrationOnce();
    void cancelledFleetRunsStopCleanly();

private:
    // Every database back to empty, without recreating it.
    void resetDatabases();
    // The first problem found in any database, with the revisions reached.
    QString fleetProblem(QList<int> *reached);
    QStringList fleetArguments(const QStringList &extra) const
    {
        return QStringList { u"-p"_s, m_project.path(), u"upgrade"_s, u"--fleet"_s, m_fleetFile } + extra;
    }

    static constexpr int kDatabases = 50;
    static constexpr int kRevisions = 5;
    TemporaryProject m_project;
    QTemporaryDir m_dir;
    QString m_passFile;
    QString m_fleetFile;
    std::unique_ptr<DatabaseSet> m_databases;
    std::vector<std::unique_ptr<DatabaseConnection>> m_checks;
};

void FleetReliabilityTest::initTestCase()
{
    QVERIFY2(postgresAvailable(), "run with ./dev test");
    writeLinearProject(m_project, kRevisions);
    m_databases = std::make_unique<DatabaseSet>(kDatabases, u"fleetkill"_s);
    QVERIFY(m_databases->isValid());
    m_passFile = m_dir.filePath(u"pgpass"_s);
    m_databases->writePassFile(m_passFile);
    QString text;
    for (int i = 1; i <= kDatabases; ++i)
        text += u"[database db%1]\nurl = %2\n"_s.arg(i).arg(m_databases->fleetUrl(i));
    m_fleetFile = m_project.writeFile(u"fleet.ini"_s, text.toUtf8());
    for (int i = 1; i <= kDatabases; ++i) {
        m_checks.push_back(m_databases->connect(i));
        QVERIFY(m_checks.back());
    }
}

void FleetReliabilityTest::resetDatabases()
{
    for (auto &check : m_checks)
        column(check->database(),
            u"DROP SCHEMA public CASCADE; DROP SCHEMA IF EXISTS retort_meta CASCADE; CREATE SCHEMA public"_s);
}

QString FleetReliabilityTest::fleetProblem(QList<int> *reached)
{
    reached->clear();
    for (size_t i = 0; i < m_checks.size(); ++i) {
        QSqlDatabase db = m_checks[i]->database();
        waitForRunnersToGo(db);
        int applied = 0;
        const QString problem = consistencyProblem(db, &applied);
        if (!problem.isEmpty())
            return u"db%1: %2"_s.arg(i + 1).arg(problem);
        reached->append(applied);
    }
    return {};
}

void FleetReliabilityTest::killedFleetRunsLeaveEveryDatabaseConsistent()
{
    // One whole run first, to know how long a migration takes here.
    resetDatabases();
    qint64 perStep = 0;
    {
        QElapsedTimer timer;
        timer.start();
        const ProcessResult run =
            runProcess(cliExecutable(), fleetArguments({ u"--parallel"_s, u"4"_s }), {}, fleetEnvironment(m_passFile));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + run.out));
        perStep = qMax<qint64>(1, timer.elapsed() / (kDatabases * kRevisions / 4));
    }
    const quint32 seed = qEnvironmentVariableIsSet("RETORT_TEST_SEED")
        ? quint32(qEnvironmentVariableIntValue("RETORT_TEST_SEED"))
        : 20261202u;
    QRandomGenerator random(seed);
    int interrupted = 0;
    int trial = 0;
    QStringList summary;
    // Until ten runs were killed part way (some database neither at base
    // nor at the head, or some at base and others done); the cap only stops
    // a test that cannot succeed.
    for (; interrupted < 10 && trial < 30; ++trial) {
        resetDatabases();
        // The kill point is set by progress: after the k-th migration
        // started (of 250), plus a delay of up to two migrations' time, so
        // it lands in a statement, at COMMIT, between migrations or between
        // databases; k = 0 while the workers connect and take their locks.
        const int step = int(random.bounded(kDatabases * kRevisions));
        const int delay = int(random.bounded(qint64(2 * perStep) + 1));
        const QString parallel = QString::number(1 + random.bounded(8));
        QProcess runner;
        startFleetCli(runner, m_passFile, fleetArguments({ u"--parallel"_s, parallel }));
        QByteArray output;
        while (output.count(": running ") < step && runner.state() != QProcess::NotRunning) {
            runner.waitForReadyRead(20);
            output += runner.readAllStandardOutput();
        }
        QThread::msleep(ulong(delay));
        runner.kill();
        runner.waitForFinished();

        QList<int> reached;
        const QString problem = fleetProblem(&reached);
        QVERIFY2(problem.isEmpty(),
            qPrintable(u"trial %1 (seed %2, --parallel %3, killed %4 ms after migration %5 started): %6"_s.arg(trial)
                           .arg(seed)
                           .arg(parallel)
                           .arg(delay)
                           .arg(step)
                           .arg(problem)));
        const int done = int(std::count(reached.cbegin(), reached.cend(), kRevisions));
        const int untouched = int(std::count(reached.cbegin(), reached.cend(), 0));
        if (runner.exitStatus() == QProcess::CrashExit && done < kDatabases)
            ++interrupted;
        summary.append(
            u"%1 done/%2 partial/%3 untouched"_s.arg(done).arg(kDatabases - done - untouched).arg(untouched));

        const ProcessResult rerun =
            runProcess(cliExecutable(), fleetArguments({ u"--parallel"_s, u"8"_s }), {}, fleetEnvironment(m_passFile));
        QVERIFY2(rerun.exitCode == 0, qPrintable(u"trial %1: %2%3"_s.arg(trial).arg(rerun.err, rerun.out)));
        QVERIFY2(rerun.out.contains(u"%1 databases: "_s.arg(kDatabases)), qPrintable(rerun.out));
        QVERIFY2(fleetProblem(&reached).isEmpty(), qPrintable(u"trial %1 after the rerun"_s.arg(trial)));
        QCOMPARE(reached, QList<int>(kDatabases, kRevisions));
    }
    qInfo("killed %d of %d fleet runs part way (seed %u): %s", interrupted, trial, seed,
        qPrintable(summary.join(u"; "_s)));
    QVERIFY(interrupted >= 10);
}

void FleetReliabilityTest::twoFleetRunsAtOnceApplyEachMigrationOnce()
{
    resetDatabases();
    QProcess first;
    QProcess second;
    startFleetCli(first, m_passFile, fleetArguments({ u"--parallel"_s, u"4"_s, u"--json"_s }));
    startFleetCli(second, m_passFile, fleetArguments({ u"--parallel"_s, u"4"_s, u"--json"_s }));
    QMap<QString, QStringList> outcomes; // database -> what each run did there
    for (QProcess *runner : { &first, &second }) {
        QVERIFY(runner->waitForFinished(240000));
        QVERIFY2(runner->exitStatus() == QProcess::NormalExit && runner->exitCode() == 0,
            runner->readAllStandardError().constData());
        const QJsonArray databases =
            QJsonDocument::fromJson(runner->readAllStandardOutput()).object().value(u"databases"_s).toArray();
        QCOMPARE(databases.size(), kDatabases);
        for (const QJsonValue &database : databases)
            outcomes[database[u"name"_s].toString()].append(database[u"outcome"_s].toString());
    }
    // Each database was migrated by one run under its lock; the other found
    // it done (or, had it come first to a database, did it itself).
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it) {
        QStringList both = it.value();
        both.sort();
        QVERIFY2(
            both == (QStringList { u"up-to-date"_s, u"upgraded"_s }), qPrintable(it.key() + u": "_s + both.join(u' ')));
    }
    QList<int> reached;
    const QString problem = fleetProblem(&reached);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(reached, QList<int>(kDatabases, kRevisions));
    for (auto &check : m_checks)
        QCOMPARE(
            column(check->database(), u"SELECT count(*) FROM retort_meta.retort_history"_s), QStringList { u"5"_s });
}

void FleetReliabilityTest::cancelledFleetRunsStopCleanly()
{
    // Each SIGTERM cancels the run from the handler's own thread while
    // eight workers open, cancel and destroy their executors: the cancel
    // must never reach an executor that its worker has destroyed.
    QRandomGenerator random(20261203u);
    int cancelledRuns = 0;
    for (int trial = 0; trial < 3; ++trial) {
        resetDatabases();
        const int step = int(random.bounded(kDatabases));
        QProcess runner;
        runner.setProcessChannelMode(QProcess::MergedChannels);
        startFleetCli(runner, m_passFile, fleetArguments({ u"--parallel"_s, u"8"_s }));
        QByteArray output;
        const auto readSome = [&] {
            runner.waitForReadyRead(5);
            output += runner.readAll();
        };
        while (output.count(": running ") < step && runner.state() != QProcess::NotRunning)
            readSome();
        // One SIGTERM at a time, the next once the handler said it took
        // this one, until the run ends.
        for (int sent = 1; sent <= 40 && runner.state() != QProcess::NotRunning; ++sent) {
            ::kill(pid_t(runner.processId()), SIGTERM);
            QElapsedTimer waited;
            waited.start();
            while (
                output.count("cancelling") < sent && runner.state() != QProcess::NotRunning && waited.elapsed() < 5000)
                readSome();
        }
        QVERIFY2(runner.waitForFinished(60000), "a cancelled fleet run must end");
        output += runner.readAll();
        const QString context = u"trial %1, cancelled after migration %2 started: %3"_s.arg(trial).arg(step).arg(
            QString::fromUtf8(output.right(3000)));
        // A SIGTERM that lands after the run, once the usual handler is
        // back, ends the process as SIGTERM does; nothing else may.
        if (runner.exitStatus() == QProcess::CrashExit)
            QVERIFY2(runner.exitCode() == SIGTERM, qPrintable(u"signal %1; "_s.arg(runner.exitCode()) + context));
        else if (runner.exitCode() == 1 && output.contains("not started: the run was cancelled"))
            ++cancelledRuns;
        QList<int> reached;
        const QString problem = fleetProblem(&reached);
        QVERIFY2(problem.isEmpty(), qPrintable(problem + u"; "_s + context));
    }
    qInfo("%d of 3 runs reported their cancel", cancelledRuns);
    // Every SIGTERM arrives mid-run: at least one run must have said so.
    QVERIFY(cancelledRuns > 0);
}

QTEST_GUILESS_MAIN(FleetReliabilityTest)
#include "tst_fleetreliability.moc"
