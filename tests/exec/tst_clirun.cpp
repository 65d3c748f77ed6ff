// retort-cli upgrade and downgrade as they are run by hand and in
// deployment scripts, against the real server: waiting for a server that
// comes up late (--wait), the per-run timeouts, a non-transactional
// migration that fails half way, and the questions a downgrade asks on a
// terminal (a real pseudo-terminal here), production connections included.
// Each case checks the message and what the database holds afterwards.
#include "backup/backupfolder.h"
#include "executortestutil.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class CliRunTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void waitsForAServerThatComesUpLate();
    void waitGivesUpClearly_data();
    void waitGivesUpClearly();
    void statementTimeoutAppliesToEachStatement();
    void lockTimeoutStopsAMigrationStuckBehindALock();
    void failedNonTransactionalMigrationSaysWhatRan();
    void downgradeAsksOnTheTerminal_data();
    void downgradeAsksOnTheTerminal();
    void restoreAsksOnTheTerminal();
};

namespace {

QStringList environmentFor(const ConnectionSettings &settings)
{
    return { u"DATABASE_URL="_s + settings.url() };
}

ProcessResult cli(const TemporaryProject &files, const ConnectionSettings &settings, const QStringList &arguments)
{
    return runProcess(
        cliExecutable(), QStringList { u"-p"_s, files.path() } + arguments, files.path(), environmentFor(settings));
}

QStringList versionRows(const ScratchDatabase &database)
{
    auto connection = database.connect();
    return column(connection->database(), u"SELECT version_num FROM alembic_version ORDER BY 1"_s);
}

// A TCP port that forwards to the test server, opened only after `delay`
// seconds: a server that is still starting, as a container's is when the
// migration job starts with it. Python, since the test has no network module.
const char *const kLateForwarder = R"(import socket, sys, threading, time
target_host, target_port, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
print(port, flush=True)
time.sleep(delay)
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(16)
def pipe(a, b):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
while True:
    client, _ = server.accept()
    upstream = socket.create_connection((target_host, target_port))
    threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
)";

struct TerminalRun {
    int exitCode = -1;
    QString screen; // everything the terminal showed, typed answers included
    QStringList unasked; // prompts that never came
};

// Runs retort-cli on a pseudo-terminal of its own, so that it can ask, and
// answers each prompt (a text it waits for) in turn.
TerminalRun runOnTerminal(
    const QStringList &arguments, const QStringList &environment, const QList<std::pair<QString, QString>> &answers)
{
    // Everything the child needs is made before fork(): after it, only
    // async-signal-safe calls.
    const QByteArray program = QFile::encodeName(cliExecutable());
    std::vector<QByteArray> argStorage { program };
    for (const QString &argument : arguments)
        argStorage.push_back(argument.toUtf8());
    std::vector<char *> argv;
    for (QByteArray &a : argStorage)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &entry : environment)
        env.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    std::vector<QByteArray> envStorage;
    for (const QString &entry : env.toStringList())
        envStorage.push_back(entry.toUtf8());
    std::vector<char *> envp;
    for (QByteArray &e : envStorage)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    TerminalRun run;
    int terminal = -1;
    const pid_t pid = forkpty(&terminal, nullptr, nullptr, nullptr);
    if (pid < 0) {
        run.screen = u"forkpty failed"_s;
        return run;
    }
    if (pid == 0) {
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    QByteArray screen;
    qsizetype answered = 0; // where the next prompt is looked for
    int next = 0;
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        pollfd fd { terminal, POLLIN, 0 };
        if (::poll(&fd, 1, 100) > 0) {
            char buffer[4096];
            const ssize_t n = ::read(terminal, buffer, sizeof buffer);
            if (n <= 0 && errno != EINTR && errno != EAGAIN)
                break; // EIO: the child closed the terminal
            if (n > 0)
                screen.append(buffer, n);
        }
        if (next < answers.size()) {
            const qsizetype at = screen.indexOf(answers.at(next).first.toUtf8(), answered);
            if (at >= 0) {
                const QByteArray line = answers.at(next).second.toUtf8() + '\n';
                if (::write(terminal, line.constData(), size_t(line.size())) < 0)
                    break;
                answered = at + answers.at(next).first.toUtf8().size();
                ++next;
            }
        }
    }
    if (deadline.hasExpired())
        ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(terminal);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.screen = QString::fromUtf8(screen).remove(u'\r');
    for (int i = next; i < answers.size(); ++i)
        run.unasked.append(answers.at(i).first);
    return run;
}

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files);
}

} // namespace

void CliRunTest::initTestCase()
{
    QVERIFY2(postgresAvailable(), "run with ./dev test");
}

void CliRunTest::waitsForAServerThatComesUpLate()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    QVERIFY2(!database.settings().host.startsWith(u'/'), "the test server is expected on TCP");
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    const QString script = files.writeFile(u"late_forwarder.py"_s, kLateForwarder);

    QProcess forwarder;
    forwarder.start(
        u"python3"_s, { script, database.settings().host, QString::number(database.settings().port), u"3"_s });
    QVERIFY(forwarder.waitForReadyRead(30000));
    const int port = forwarder.readLine().trimmed().toInt();
    QVERIFY(port > 0);
    ConnectionSettings late = database.settings();
    late.port = port;

    const ProcessResult result = cli(files, late, { u"upgrade"_s, u"--wait"_s, u"120"_s });
    forwarder.kill();
    forwarder.waitForFinished();
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    // It said why it waited (the refused connection), then migrated.
    QVERIFY2(result.err.contains(u"retort-cli: waiting for "_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"Connection refused"_s), qPrintable(result.err));
    QVERIFY2(result.out.contains(u"Done: 1 migration"_s), qPrintable(result.out));
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });
}

void CliRunTest::waitGivesUpClearly_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("wait");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    // Nothing ever listens: it waits as long as asked, then names the reason.
    QTest::newRow("no-server-within-the-time")
        << u"closed-port"_s << u"2"_s << 1 << u"the server did not accept connections within 2 s (--wait): "_s;
    // Waiting cannot cure a wrong password: it fails at once, not after 10 minutes.
    QTest::newRow("wrong-password-fails-at-once")
        << u"password"_s << u"600"_s << 1 << u"password authentication failed"_s;
    QTest::newRow("not-a-number") << u"none"_s << u"soon"_s << 2 << u"--wait takes a number of seconds"_s;
}

void CliRunTest::waitGivesUpClearly()
{
    QFETCH(QString, situation);
    QFETCH(QString, wait);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    ConnectionSettings settings = database.settings();
    if (situation == u"closed-port"_s) {
        // A port of this machine that nothing listens on (one the system
        // just handed out and that was closed again).
        QProcess probe;
        probe.start(u"python3"_s,
            { u"-c"_s, u"import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"_s });
        QVERIFY(probe.waitForFinished(30000));
        settings.port = probe.readAllStandardOutput().trimmed().toInt();
        QVERIFY(settings.port > 0);
    } else if (situation == u"password"_s) {
        settings.password = u"wrong"_s;
    }
    // A run that waited on a wrong password would outlast runProcess's
    // time limit, and fail this comparison.
    const ProcessResult result = cli(files, settings, { u"upgrade"_s, u"--wait"_s, wait });
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!result.err.contains(database.settings().password));
    auto connection = database.connect();
    QCOMPARE(userTables(connection->database(), Dialect::PostgreSQL), QStringList());
}

void CliRunTest::statementTimeoutAppliesToEachStatement()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    // Three statements of 1.2 s each: under a 3 s statement_timeout, as the
    // timeout is per statement, not per migration.
    files.writeRevision(u"b2.sql"_s,
        revisionFile(u"b2"_s, u"a1"_s,
            u"CREATE TABLE t2 (x int);\nSELECT pg_sleep(1.2);\nSELECT pg_sleep(1.2);\nSELECT pg_sleep(1.2);"_s));
    files.writeRevision(
        u"c3.sql"_s, revisionFile(u"c3"_s, u"b2"_s, u"CREATE TABLE t3 (x int);\nSELECT pg_sleep(300);"_s));
    const ProcessResult result = cli(files, database.settings(), { u"upgrade"_s, u"--statement-timeout"_s, u"3s"_s });
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"c3.sql:7: canceling statement due to statement timeout [SQLSTATE 57014]"_s),
        qPrintable(result.err));
    QVERIFY2(result.err.contains(u"The migration c3 was rolled back"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"The database is at b2."_s), qPrintable(result.err));
    QCOMPARE(versionRows(database), QStringList { u"b2"_s });
    auto connection = database.connect();
    QCOMPARE(userTables(connection->database(), Dialect::PostgreSQL),
        (QStringList { u"alembic_version"_s, u"t1"_s, u"t2"_s }));
    // The setting was for that run only.
    QCOMPARE(column(connection->database(), u"SHOW statement_timeout"_s), QStringList { u"0"_s });
}

void CliRunTest::lockTimeoutStopsAMigrationStuckBehindALock()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);\nALTER TABLE t1 ADD COLUMN y int;"_s));
    QCOMPARE(cli(files, database.settings(), { u"upgrade"_s, u"a1"_s }).exitCode, 0);

    // Someone's long transaction holds t1.
    auto holder = database.connect();
    QSqlQuery hold(holder->database());
    QVERIFY(holder->database().transaction());
    QVERIFY(hold.exec(u"LOCK TABLE t1 IN ACCESS SHARE MODE"_s));
    const ProcessResult result = cli(files, database.settings(), { u"upgrade"_s, u"--lock-timeout"_s, u"1s"_s });
    QVERIFY(holder->database().rollback());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"b2.sql:7: canceling statement due to lock timeout [SQLSTATE 55P03]"_s),
        qPrintable(result.err));
    QVERIFY2(result.err.contains(u"The database is at a1."_s), qPrintable(result.err));
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });
    auto connection = database.connect();
    QVERIFY(!userTables(connection->database(), Dialect::PostgreSQL).contains(u"t2"_s));

    // Once the lock is gone, the same command completes.
    const ProcessResult again = cli(files, database.settings(), { u"upgrade"_s, u"--lock-timeout"_s, u"1s"_s });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(versionRows(database), QStringList { u"b2"_s });
}

void CliRunTest::failedNonTransactionalMigrationSaysWhatRan()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(
        u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);\nINSERT INTO t1 VALUES (1), (1);"_s));
    const QString b2 = files.writeRevision(u"b2.sql"_s,
        revisionFile(u"b2"_s, u"a1"_s,
            u"CREATE TABLE t2 (x int);\nINSERT INTO t2 VALUES (1);\nCREATE UNIQUE INDEX CONCURRENTLY ux_x ON t1 (x);"_s,
            u"SELECT 1;"_s, u"-- transactional: false\n"_s));
    const ProcessResult result = cli(files, database.settings(), { u"upgrade"_s });
    QCOMPARE(result.exitCode, 1);
    // The file and line of the failing statement, the server's message, which
    // statements ran and stay, the INVALID index and how to remove it.
    for (const QString &expected : {
             u"b2.sql:9: could not create unique index \"ux_x\""_s,
             u"[SQLSTATE 23505]"_s,
             u"in revision b2 (upgrade), statement 3 of 3:"_s,
             u"Revision b2 is not transactional: the statements at line 7, 8 of %1 ran and their changes stay; it is "
             "not recorded as applied."_s.arg(b2),
             u"public.ux_x was left INVALID"_s,
             u"DROP INDEX CONCURRENTLY public.ux_x;"_s,
             u"The database is at a1."_s,
         }) {
        QVERIFY2(result.err.contains(expected), qPrintable(u"expected \"%1\" in:\n%2"_s.arg(expected, result.err)));
    }
    // What the message says is what the database holds.
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });
    auto connection = database.connect();
    QCOMPARE(column(connection->database(), u"SELECT count(*) FROM t2"_s), QStringList { u"1"_s });
    QCOMPARE(
        column(connection->database(), u"SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.ux_x'::regclass"_s),
        QStringList { u"false"_s });
    QCOMPARE(column(connection->database(), u"SELECT outcome FROM retort_meta.retort_history WHERE revision = 'b2'"_s),
        QStringList { u"failed"_s });
}

void CliRunTest::downgradeAsksOnTheTerminal_data()
{
    using Answers = QList<std::pair<QString, QString>>;
    QTest::addColumn<bool>("production");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<Answers>("answers"); // "{db}" stands for the database name
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("versionAfter");
    QTest::addColumn<bool>("backedUp");

    const QString revert = u"Revert 1 migration? [y/N] "_s;
    const QString backUp = u"Back up the database first? [Y/n] "_s;
    const QString typeName = u"is marked production. Type the database name ({db}) to go on: "_s;
    QTest::newRow("no-is-the-default") << false << QStringList() << Answers { { revert, QString() } } << 1
                                       << u"not confirmed; nothing was done"_s << u"b2"_s << false;
    QTest::newRow("yes-then-backup-by-default")
        << false << QStringList() << Answers { { revert, u"y"_s }, { backUp, QString() } } << 0 << u"(verified)."_s
        << u"a1"_s << true;
    QTest::newRow("yes-without-backup") << false << QStringList()
                                        << Answers { { revert, u"yes"_s }, { backUp, u"n"_s } } << 0
                                        << u"Done: 1 migration"_s << u"a1"_s << false;
    QTest::newRow("production-wrong-name") << true << QStringList() << Answers { { typeName, u"postgres"_s } } << 1
                                           << u"the name typed was not {db}; nothing was done"_s << u"b2"_s << false;
    // Production: the name typed, and a backup without asking.
    QTest::newRow("production-name-typed")
        << true << QStringList() << Answers { { typeName, u"{db}"_s } } << 0 << u"(verified)."_s << u"a1"_s << true;
    QTest::newRow("production-refuses-no-backup")
        << true << QStringList { u"--yes"_s, u"--no-backup"_s } << Answers() << 2
        << u"this connection is marked production, where Retort always backs up before a downgrade; --no-backup is "
           "not allowed"_s
        << u"b2"_s << false;
}

void CliRunTest::downgradeAsksOnTheTerminal()
{
    using Answers = QList<std::pair<QString, QString>>;
    QFETCH(bool, production);
    QFETCH(QStringList, options);
    QFETCH(Answers, answers);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(QString, versionAfter);
    QFETCH(bool, backedUp);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    const QString name = database.settings().database;
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s, u"DROP TABLE t1;"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);"_s, u"DROP TABLE t2;"_s));
    if (production)
        files.writeFile(u"retort.ini"_s, "[retort]\nproduction = true\n");
    QCOMPARE(cli(files, database.settings(), { u"upgrade"_s }).exitCode, 0);

    for (auto &[prompt, answer] : answers) {
        prompt.replace(u"{db}"_s, name);
        answer.replace(u"{db}"_s, name);
    }
    const TerminalRun run = runOnTerminal(
        QStringList { u"-p"_s, files.path(), u"downgrade"_s } + options, environmentFor(database.settings()), answers);
    QVERIFY2(
        run.unasked.isEmpty(), qPrintable(u"never asked \"%1\":\n%2"_s.arg(run.unasked.join(u", "_s), run.screen)));
    QVERIFY2(run.exitCode == exitCode, qPrintable(u"exit code %1:\n%2"_s.arg(run.exitCode).arg(run.screen)));
    QVERIFY2(run.screen.contains(message.replace(u"{db}"_s, name)), qPrintable(run.screen));
    if (!answers.isEmpty()) {
        // The plan came before the question.
        const qsizetype plan = run.screen.indexOf(u"reverts 1 migration:\n  b2  step b2\n"_s);
        QVERIFY2(plan >= 0 && plan < run.screen.indexOf(answers.first().first), qPrintable(run.screen));
    }
    QVERIFY(!run.screen.contains(database.settings().password));
    QCOMPARE(versionRows(database), QStringList { versionAfter });
    const QStringList backups = filesIn(defaultBackupFolder(files.path()));
    QCOMPARE(backups.size(), backedUp ? 1 : 0);
}

void CliRunTest::restoreAsksOnTheTerminal()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    files.writeRevision(u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE t1 (x int);"_s, u"DROP TABLE t1;"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE t2 (x int);"_s, u"DROP TABLE t2;"_s));
    QCOMPARE(cli(files, database.settings(), { u"upgrade"_s, u"a1"_s }).exitCode, 0);
    QCOMPARE(cli(files, database.settings(), { u"backup"_s }).exitCode, 0);
    const QStringList made = filesIn(defaultBackupFolder(files.path()));
    QCOMPARE(made.size(), 1);
    const QString backup = defaultBackupFolder(files.path()) + u"/"_s + made.first();
    QCOMPARE(cli(files, database.settings(), { u"upgrade"_s }).exitCode, 0);
    const QStringList arguments { u"-p"_s, files.path(), u"restore"_s, backup };
    const QString question = u"Restore %1? [y/N] "_s.arg(made.first());

    // What it will drop comes before the question; no is the default.
    const TerminalRun refused =
        runOnTerminal(arguments, environmentFor(database.settings()), { { question, QString() } });
    QVERIFY2(refused.unasked.isEmpty(), qPrintable(refused.screen));
    QCOMPARE(refused.exitCode, 1);
    const qsizetype dropped =
        refused.screen.indexOf(u"These are not in the backup and will be dropped:\n  TABLE public.t2\n"_s);
    QVERIFY2(dropped >= 0 && dropped < refused.screen.indexOf(question), qPrintable(refused.screen));
    QVERIFY2(refused.screen.contains(u"not confirmed; nothing was done"_s), qPrintable(refused.screen));
    QCOMPARE(versionRows(database), QStringList { u"b2"_s });

    const TerminalRun restored = runOnTerminal(arguments, environmentFor(database.settings()),
        { { question, u"y"_s }, { u"Back up the database first? [Y/n] "_s, u"n"_s } });
    QVERIFY2(restored.unasked.isEmpty(), qPrintable(restored.screen));
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.screen));
    QVERIFY2(restored.screen.contains(u"it is at a1."_s), qPrintable(restored.screen));
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });
    auto connection = database.connect();
    QVERIFY(!userTables(connection->database(), Dialect::PostgreSQL).contains(u"t2"_s));
    QCOMPARE(filesIn(defaultBackupFolder(files.path())), made); // no backup was asked for
    QVERIFY(!restored.screen.contains(database.settings().password));
}

QTEST_GUILESS_MAIN(CliRunTest)
#include "tst_clirun.moc"
