// Alembic projects run through retort-cli as a team keeps them: an app with
// its own settings module (DB_HOST, DB_NAME…) and SQLAlchemy models, env.py
// files of the common kinds, a virtualenv, a data migration through
// op.get_bind() and an autocommit_block(), made with the real alembic
// (make_app_project.py). What is checked: Alembic migrates the database
// Retort locked or nothing runs; each revision is reported as Alembic runs
// it and the failing one is named with its file, line, server message and
// SQLSTATE; "Alembic did not start" is told apart; which Python runs it.
#include "alembic/alembicprocess.h"
#include "alembic/pythonenvironment.h"
#include "appprojecttestutil.h"
#include "exec/alembicrunner.h"
#include "exec/replay.h"
#include "executortestutil.h"
#include "sql/sqlresource.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <thread>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

namespace {

const QString kAllRevisions = u"d4c0ffee0004"_s;

void addDialects()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

QString urlWithoutPassword(ConnectionSettings settings)
{
    settings.password.clear();
    return settings.url();
}

QStringList historyRows(QSqlDatabase db)
{
    return column(db, u"SELECT revision || ' ' || outcome FROM retort_meta.retort_history ORDER BY id"_s);
}

// Whether `database` is as the app's full migration leaves it.
void verifyMigrated(const ScratchDatabase &database)
{
    auto connection = database.connect();
    QVERIFY(connection);
    QCOMPARE(
        column(connection->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { kAllRevisions });
    // The data migration ran through op.get_bind() on this connection.
    QCOMPARE(column(connection->database(), u"SELECT name FROM organizations"_s), QStringList { u"default"_s });
}

void verifyUntouched(const ScratchDatabase &database)
{
    auto connection = database.connect();
    QVERIFY(connection);
    QStringList tables = userTables(connection->database(), database.settings().dialect);
    tables.removeAll(u"retort_history"_s); // Retort's own, made before the run
    QCOMPARE(tables, QStringList {});
}

} // namespace

class AlembicRunTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void envPatternsReachRetortsDatabase_data();
    void envPatternsReachRetortsDatabase();
    void secondOfThreeStepsFailsAndIsNamed_data();
    void secondOfThreeStepsFailsAndIsNamed();
    void alembicThatDoesNotStartIsToldApart_data();
    void alembicThatDoesNotStartIsToldApart();
    void lostConnectionNamesTheRunningRevision();
    void statusTellsWhichPython();
    void everyPythonRunsAsFromItsVirtualenv();
    void stepsAreReportedAsAlembicRunsThem();
    void replaysIntoAThrowawayDatabase();
    void retortTablesStayOutOfAutogenerateAndCheck_data();
    void autogenerateAgainstTheShadow();
    void retortTablesStayOutOfAutogenerateAndCheck();
    void historyInTheAppSchemaMovesWithItsRows_data();
    void historyInTheAppSchemaMovesWithItsRows();

private:
    // A copy of the app project with env.py of `variant` and `retortIni`.
    QString project(const QString &variant, const QString &retortIni = {}, bool failing = false);
    ProcessResult retort(const QString &project, const QStringList &arguments, const QStringList &environment = {});

    QTemporaryDir m_dir;
    QString m_base; // with its .venv
    QString m_failing; // the second revision fails
    int m_copies = 0;
};

void AlembicRunTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath(u"base"_s);
    m_failing = m_dir.filePath(u"failing"_s);
    ProcessResult made =
        python({ Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), m_base, u"--venv"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    made = python(
        { Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), m_failing, u"--failing-step"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
}

QString AlembicRunTest::project(const QString &variant, const QString &retortIni, bool failing)
{
    const QString path = m_dir.filePath(u"project-%1"_s.arg(++m_copies));
    if (!copyProjectTree(failing ? m_failing : m_base, path))
        return {};
    const ProcessResult env =
        python({ Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), path, u"--env"_s, variant });
    if (env.exitCode != 0) {
        qWarning("%s", qPrintable(env.err));
        return {};
    }
    // The base project's virtualenv, named by the setting.
    if (!writeText(path + u"/retort.ini"_s, u"[retort]\npython = %1\n"_s.arg(m_base + u"/.venv"_s) + retortIni))
        return {};
    return path;
}

ProcessResult AlembicRunTest::retort(
    const QString &project, const QStringList &arguments, const QStringList &environment)
{
    return runProcess(cliExecutable(), QStringList { u"-p"_s, project } + arguments, project, environment);
}

void AlembicRunTest::envPatternsReachRetortsDatabase_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<QString>("retortIni");
    QTest::addColumn<bool>("runs"); // else refused before any statement
    const QString postgresMapping =
        u"[retort.env]\nDB_HOST = host\nDB_PORT = port\nDB_USER = user\nDB_NAME = database\n"_s;
    const QString sqliteMapping = u"[retort.env]\nDB_PATH = path\n"_s;
    // Each env.py is also pointed at the other database in its own way
    // (DB_* variables, alembic.ini's sqlalchemy.url, DATABASE_URL).
    QTest::newRow("own-settings-ignoring-database-url") << u"postgresql"_s << u"settings"_s << QString() << false;
    QTest::newRow("own-settings-mapped-in-retort-env") << u"postgresql"_s << u"settings"_s << postgresMapping << true;
    QTest::newRow("async-asyncpg-own-settings") << u"postgresql"_s << u"settings-async"_s << QString() << false;
    QTest::newRow("async-asyncpg-mapped") << u"postgresql"_s << u"settings-async"_s << postgresMapping << true;
    QTest::newRow("engine-from-config-sqlalchemy-url") << u"postgresql"_s << u"ini"_s << QString() << true;
    QTest::newRow("create-engine-database-url") << u"postgresql"_s << u"database-url"_s << QString() << true;
    QTest::newRow("x-argument-url") << u"postgresql"_s << u"x-argument"_s << QString() << true;
    QTest::newRow("sqlite-own-settings") << u"sqlite"_s << u"settings"_s << QString() << false;
    QTest::newRow("sqlite-own-settings-mapped") << u"sqlite"_s << u"settings"_s << sqliteMapping << true;
    QTest::newRow("sqlite-engine-from-config") << u"sqlite"_s << u"ini"_s << QString() << true;
}

void AlembicRunTest::envPatternsReachRetortsDatabase()
{
    QFETCH(QString, dialect);
    QFETCH(QString, variant);
    QFETCH(QString, retortIni);
    QFETCH(bool, runs);
    ScratchDatabase target(dialectFromName(dialect));
    ScratchDatabase other(dialectFromName(dialect));
    QVERIFY(target.isValid() && other.isValid());
    const QString app = project(variant, retortIni);
    QVERIFY(!app.isEmpty());
    QString ini = readText(app + u"/alembic.ini"_s);
    ini.replace(QRegularExpression(u"(?m)^sqlalchemy\\.url = .*$"_s),
        u"sqlalchemy.url = "_s + urlWithoutPassword(other.settings()));
    QVERIFY(writeText(app + u"/alembic.ini"_s, ini));

    // Retort's target in --db, with its password; everything the app
    // could read on its own points at the other database.
    const QStringList environment =
        appEnvironment(other.settings()) + QStringList { u"DATABASE_URL="_s + urlWithoutPassword(other.settings()) };
    const ProcessResult ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s }, environment);
    QVERIFY(!ran.err.contains(target.settings().password) || target.settings().password.isEmpty());
    if (runs) {
        QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
        verifyMigrated(target);
        verifyUntouched(other);
        return;
    }
    QCOMPARE(ran.exitCode, 1);
    QVERIFY2(ran.err.contains(u"Alembic's connection is not the database Retort locked"_s), qPrintable(ran.err));
    // Both named: the one env.py opened and the one Retort holds.
    const QString otherName = dialect == u"sqlite"_s ? other.settings().sqlitePath : other.settings().database;
    const QString targetName = dialect == u"sqlite"_s ? target.settings().sqlitePath : target.settings().database;
    QVERIFY2(ran.err.contains(otherName) && ran.err.contains(targetName), qPrintable(ran.err));
    QVERIFY2(ran.err.contains(u"nothing ran"_s), qPrintable(ran.err));
    verifyUntouched(other);
    verifyUntouched(target);
}

void AlembicRunTest::secondOfThreeStepsFailsAndIsNamed_data()
{
    QTest::addColumn<bool>("perMigration");
    QTest::addColumn<QStringList>("history");
    QTest::addColumn<QString>("current");
    // Alembic's default env.py runs every step in one transaction: the
    // first step goes with the failing one.
    QTest::newRow("one-transaction") << false << QStringList { u"b2c0ffee0002 failed"_s } << QString();
    QTest::newRow("transaction-per-migration")
        << true << QStringList { u"a1c0ffee0001 succeeded"_s, u"b2c0ffee0002 failed"_s } << u"a1c0ffee0001"_s;
}

void AlembicRunTest::secondOfThreeStepsFailsAndIsNamed()
{
    QFETCH(bool, perMigration);
    QFETCH(QStringList, history);
    QFETCH(QString, current);
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    const QString app = project(u"database-url"_s, {}, true);
    QVERIFY(!app.isEmpty());
    if (perMigration) {
        const QString env = app + u"/migrations/env.py"_s;
        QVERIFY(writeText(env,
            readText(env).replace(u"target_metadata=target_metadata)"_s,
                u"target_metadata=target_metadata, transaction_per_migration=True)"_s)));
    }
    const ProcessResult ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s, u"c3c0ffee0003"_s });
    QCOMPARE(ran.exitCode, 1);
    // Progress per revision, as Alembic ran them.
    QVERIFY2(ran.out.contains(u"Running upgrade  -> a1c0ffee0001, create organizations ... "_s), qPrintable(ran.out));
    QVERIFY2(ran.out.contains(u"Running upgrade a1c0ffee0001 -> b2c0ffee0002, create users ... failed"_s),
        qPrintable(ran.out));
    QVERIFY(!ran.out.contains(u"c3c0ffee0003, default"_s));
    // The revision, its file and line, the server's message and SQLSTATE.
    const QString file = QDir(app).filePath(u"migrations/versions/b2c0ffee0002_create_users.py"_s);
    const int line = int(readText(file).left(readText(file).indexOf(u"missing_table"_s)).count(u'\n')) + 1;
    const QString expected =
        u"retort-cli: error: %1:%2: relation \"missing_table\" does not exist [SQLSTATE 42P01]"_s.arg(file).arg(line);
    QVERIFY2(ran.err.contains(expected), qPrintable(ran.err));
    QVERIFY2(ran.err.contains(u"Revision b2c0ffee0002 (upgrade) did not complete"_s), qPrintable(ran.err));
    QCOMPARE(ran.err.contains(u"Alembic ran a1c0ffee0001 in the same transaction as b2c0ffee0002"_s), !perMigration);
    // The traceback of the project's own frames: once, indented.
    QCOMPARE(ran.err.count(u"Traceback (the project's own frames):"_s), 1);
    QCOMPARE(ran.err.count(u"\"%1\", line %2, in upgrade"_s.arg(file).arg(line)), 1);
    QVERIFY2(ran.err.contains(u"\n        op.execute(\"INSERT INTO missing_table (id) VALUES (1)\")"_s),
        qPrintable(ran.err));
    QVERIFY(!ran.err.contains(u"site-packages"_s) && !ran.err.contains(u"dist-packages"_s));

    auto connection = target.connect();
    QCOMPARE(historyRows(connection->database()), history);
    QCOMPARE(column(connection->database(), u"SELECT version_num FROM alembic_version"_s),
        current.isEmpty() ? QStringList() : QStringList { current });
}

void AlembicRunTest::alembicThatDoesNotStartIsToldApart_data()
{
    QTest::addColumn<QString>("change"); // what is broken
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("where"); // the file named, relative to the project
    QTest::newRow("env-py-syntax-error") << u"syntax"_s << u"Alembic did not start: SyntaxError"_s
                                         << u"migrations/env.py:"_s;
    QTest::newRow("app-import-error") << u"import"_s << u"Alembic did not start: ModuleNotFoundError"_s
                                      << u"app/models.py:"_s;
    QTest::newRow("python-missing") << u"python"_s << u"python = nowhere/bin/python"_s << u"retort.ini:2"_s;
    QTest::newRow("venv-without-alembic") << u"venv"_s << u"cannot import Alembic"_s << u"retort.ini:2"_s;
}

void AlembicRunTest::alembicThatDoesNotStartIsToldApart()
{
    QFETCH(QString, change);
    QFETCH(QString, message);
    QFETCH(QString, where);
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    QString app = project(u"database-url"_s);
    QVERIFY(!app.isEmpty());
    if (change == u"syntax"_s) {
        QVERIFY(writeText(app + u"/migrations/env.py"_s, readText(app + u"/migrations/env.py"_s) + u"\nif True\n"_s));
    } else if (change == u"import"_s) {
        QVERIFY(writeText(app + u"/app/models.py"_s, u"import sqlalchemy\nimport app.no_such_module\n"_s));
    } else if (change == u"python"_s) {
        QVERIFY(writeText(app + u"/retort.ini"_s, u"[retort]\npython = nowhere/bin/python\n"_s));
    } else {
        // A virtualenv made without the system's packages has no Alembic.
        const ProcessResult made = python({ u"-m"_s, u"venv"_s, u"--without-pip"_s, app + u"/bare"_s });
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY(writeText(app + u"/retort.ini"_s, u"[retort]\npython = bare\n"_s));
    }
    const ProcessResult ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s });
    QCOMPARE(ran.exitCode, 2); // bad input, not a failed migration
    QVERIFY2(ran.err.contains(message), qPrintable(ran.err));
    QVERIFY2(ran.err.contains(QDir(app).filePath(where)), qPrintable(ran.err));
    QVERIFY2(!ran.err.contains(u"did not complete"_s) && !ran.out.contains(u"Running upgrade"_s), qPrintable(ran.err));
    auto connection = target.connect();
    QCOMPARE(historyRows(connection->database()), QStringList()); // no row, or not even the table
    QVERIFY(!userTables(connection->database(), Dialect::PostgreSQL).contains(u"organizations"_s));
}

void AlembicRunTest::lostConnectionNamesTheRunningRevision()
{
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    const QString app = project(u"database-url"_s);
    QVERIFY(!app.isEmpty());
    const QString file = app + u"/migrations/versions/b2c0ffee0002_create_users.py"_s;
    QVERIFY(writeText(file,
        readText(file).replace(
            u"def upgrade() -> None:\n"_s, u"def upgrade() -> None:\n    op.execute(\"SELECT pg_sleep(30)\")\n"_s)));
    // Alembic's connection (psycopg2 names none) is cut while it sleeps in b2.
    const ConnectionSettings settings = target.settings();
    std::thread killer([settings] {
        for (int attempt = 0; attempt < 300; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            auto connection = DatabaseConnection::open(settings);
            if (!connection)
                continue;
            const QStringList killed = column((*connection)->database(),
                u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND query LIKE 'SELECT pg_sleep(30)%' AND pid <> pg_backend_pid()"_s);
            if (!killed.isEmpty())
                return;
        }
    });
    const ProcessResult ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s });
    killer.join();
    QCOMPARE(ran.exitCode, 1);
    QVERIFY2(ran.err.contains(u"the connection to the server was lost while Alembic ran b2c0ffee0002 "
                              "(migrations/versions/b2c0ffee0002_create_users.py)"_s),
        qPrintable(ran.err));
    QVERIFY2(!ran.err.contains(u"Traceback"_s), qPrintable(ran.err)); // short
}

void AlembicRunTest::statusTellsWhichPython()
{
    ScratchDatabase target(Dialect::SQLite);
    // The base project: its .venv next to alembic.ini, found without a setting.
    const ProcessResult status = retort(m_base, { u"--db"_s, target.settings().url(), u"--json"_s, u"status"_s });
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    const QJsonObject python = QJsonDocument::fromJson(status.out.toUtf8()).object().value(u"python"_s).toObject();
    QCOMPARE(python.value(u"interpreter"_s).toString(), m_base + u"/.venv/bin/python"_s);
    QCOMPARE(python.value(u"origin"_s).toString(), u".venv next to alembic.ini"_s);
    const ProcessResult versions = runProcess(m_base + u"/.venv/bin/python"_s,
        { u"-c"_s, u"import sys, alembic; print('%d.%d.%d' % sys.version_info[:3], alembic.__version__)"_s });
    QCOMPARE(
        python.value(u"version"_s).toString() + u' ' + python.value(u"alembic"_s).toString(), versions.out.trimmed());

    const ProcessResult text = retort(m_base, { u"--db"_s, target.settings().url(), u"status"_s });
    QVERIFY2(
        text.out.contains(u"Python:   Python %1, Alembic %2 (%3/.venv/bin/python, .venv next to alembic.ini)"_s.arg(
            python.value(u"version"_s).toString(), python.value(u"alembic"_s).toString(), m_base)),
        qPrintable(text.out));
}

void AlembicRunTest::everyPythonRunsAsFromItsVirtualenv()
{
    // env.py may run its virtualenv's tools: Alembic's runs and Retort's own
    // helper (offline SQL) both see VIRTUAL_ENV and its bin first on PATH.
    ScratchDatabase target(Dialect::SQLite);
    QVERIFY(target.isValid());
    const QString app = project(u"settings"_s, u"[retort.env]\nDB_PATH = path\n"_s);
    QVERIFY(!app.isEmpty());
    const QString venv = m_base + u"/.venv"_s;
    QFile env(app + u"/migrations/env.py"_s);
    QVERIFY(env.open(QIODevice::ReadOnly));
    const QString original = QString::fromUtf8(env.readAll());
    env.close();
    QVERIFY(writeText(env.fileName(),
        u"import os\n"
        "if os.environ.get('VIRTUAL_ENV') != %1 or not os.environ.get('PATH', '').startswith(%1 + '/bin:'):\n"
        "    raise SystemExit('env.py: not run as from its virtualenv')\n"_s.arg(u"'"_s + venv + u"'"_s) +
            original));

    // Up to the data migration, which has no offline SQL.
    ProcessResult ran =
        retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s, u"b2c0ffee0002"_s, u"--sql"_s });
    QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
    QVERIFY2(ran.out.contains(u"CREATE TABLE"_s), qPrintable(ran.out));
    ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s });
    QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
}

void AlembicRunTest::stepsAreReportedAsAlembicRunsThem()
{
    ScratchDatabase target(Dialect::PostgreSQL);
    QVERIFY(target.isValid());
    const QString app = project(u"database-url"_s);
    QVERIFY(!app.isEmpty());
    Result<Project> loaded = ProjectLoader::load(app);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    Executor executor(*loaded, target.settings(), {});
    QVERIFY(executor.open());
    Result<MigrationPlan> plan = Planner(loaded->graph).upgrade({}, u"heads"_s);
    QVERIFY(plan);
    AlembicRunner runner(executor, *loaded);
    QStringList seen;
    connect(&runner, &AlembicRunner::stepStarted, this, [&](int step) { seen.append(u"start %1"_s.arg(step)); });
    connect(&runner, &AlembicRunner::stepFinished, this, [&](int step) { seen.append(u"done %1"_s.arg(step)); });
    const ExecutionReport report = runner.run(*plan, u"heads"_s);
    QVERIFY2(report.ok(), qPrintable(report.failure ? report.failure->error.toString() : QString()));
    QCOMPARE(seen,
        (QStringList { u"start 0"_s, u"done 0"_s, u"start 1"_s, u"done 1"_s, u"start 2"_s, u"done 2"_s, u"start 3"_s,
            u"done 3"_s }));
    QCOMPARE(report.stepsCompleted, 4);
    QCOMPARE(historyRows(executor.database()),
        (QStringList { u"a1c0ffee0001 succeeded"_s, u"b2c0ffee0002 succeeded"_s, u"c3c0ffee0003 succeeded"_s,
            u"d4c0ffee0004 succeeded"_s }));
}

void AlembicRunTest::replaysIntoAThrowawayDatabase()
{
    ScratchDatabase shadow(Dialect::PostgreSQL);
    QVERIFY(shadow.isValid());
    const QString app =
        project(u"settings"_s, u"[retort.env]\nDB_HOST = host\nDB_PORT = port\nDB_USER = user\nDB_NAME = database\n"_s);
    QVERIFY(!app.isEmpty());
    Result<Project> loaded = ProjectLoader::load(app);
    QVERIFY(loaded);
    const ExecutionReport report = replayMigrations(*loaded, shadow.settings());
    QVERIFY2(report.ok(), qPrintable(report.failure ? report.failure->error.toString() : QString()));
    QCOMPARE(report.stepsCompleted, 4);
    // Alembic itself, through the app's own settings, finds the shadow at the head.
    const ProcessResult current = runProcess(m_base + u"/.venv/bin/python"_s, { u"-m"_s, u"alembic"_s, u"current"_s },
        app, appEnvironment(shadow.settings()) + QStringList { u"PGPASSWORD="_s + shadow.settings().password });
    QVERIFY2(current.exitCode == 0, qPrintable(current.err));
    QCOMPARE(current.out.trimmed(), u"d4c0ffee0004 (head)"_s);
    // Replaying again has nothing left to do.
    const ExecutionReport again = replayMigrations(*loaded, shadow.settings());
    QVERIFY(again.ok());
    QCOMPARE(again.stepsCompleted, 0);
}

void AlembicRunTest::retortTablesStayOutOfAutogenerateAndCheck_data()
{
    addDialects();
}

void AlembicRunTest::retortTablesStayOutOfAutogenerateAndCheck()
{
    QFETCH(QString, dialect);
    ScratchDatabase target(dialectFromName(dialect));
    QVERIFY(target.isValid());
    const QString app = project(u"settings"_s,
        dialect == u"sqlite"_s
            ? u"[retort.env]\nDB_PATH = path\n"_s
            : u"[retort.env]\nDB_HOST = host\nDB_PORT = port\nDB_USER = user\nDB_NAME = database\n"_s);
    QVERIFY(!app.isEmpty());
    const ProcessResult ran = retort(app, { u"--db"_s, target.settings().url(), u"upgrade"_s });
    QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
    // Retort kept its history (and backups' records) for the run...
    auto connection = target.connect();
    QCOMPARE(historyRows(connection->database()).size(), 4);
    // ...where the project's own Alembic, comparing its models with the
    // database, does not see it.
    const QString python = m_base + u"/.venv/bin/python"_s;
    QStringList environment = appEnvironment(target.settings());
    environment.append(u"PGPASSWORD="_s + target.settings().password);
    const ProcessResult check = runProcess(python, { u"-m"_s, u"alembic"_s, u"check"_s }, app, environment);
    QVERIFY2(check.exitCode == 0, qPrintable(check.out + check.err));
    QVERIFY2(check.out.contains(u"No new upgrade operations detected."_s), qPrintable(check.out + check.err));
    const ProcessResult generated = runProcess(python,
        { u"-m"_s, u"alembic"_s, u"revision"_s, u"--autogenerate"_s, u"-m"_s, u"after retort"_s, u"--rev-id"_s,
            u"e5c0ffee0005"_s },
        app, environment);
    QVERIFY2(generated.exitCode == 0, qPrintable(generated.err));
    const QString file = readText(app + u"/migrations/versions/e5c0ffee0005_after_retort.py"_s);
    QVERIFY2(
        !file.isEmpty() && !file.contains(u"retort_history"_s) && !file.contains(u"op.drop_table"_s), qPrintable(file));
}

void AlembicRunTest::autogenerateAgainstTheShadow()
{
    // The shadow is the test server (shadow_url, its password from the
    // environment as libpq takes it); the developer's own database is
    // never given.
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    ScratchDatabase server(Dialect::PostgreSQL);
    QVERIFY(server.isValid());
    ConnectionSettings shadow = server.settings();
    const QStringList password { u"PGPASSWORD="_s + shadow.password };
    shadow.password.clear();
    const QString app = project(u"settings"_s,
        u"shadow_url = %1\n[retort.env]\nDB_HOST = host\nDB_PORT = port\nDB_USER = user\nDB_NAME = database\n"_s.arg(
            shadow.url()));
    QVERIFY(!app.isEmpty());
    const QString versions = app + u"/migrations/versions"_s;
    const auto files = [&] { return QDir(versions).entryList({ u"*.py"_s }, QDir::Files).size(); };
    QCOMPARE(files(), 4);

    // The models match the head: nothing is written.
    ProcessResult ran = retort(app, { u"create"_s, u"-m"_s, u"nothing"_s, u"--autogenerate"_s }, password);
    QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
    QVERIFY2(ran.out.contains(u"nothing written"_s), qPrintable(ran.out));
    QCOMPARE(files(), 4);

    // A renamed attribute and a new one: Alembic writes a drop and an add
    // for the rename, and Retort says what that costs.
    QString models = readText(app + u"/app/models.py"_s);
    models.replace(u"    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)"_s,
        u"    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)"_s);
    models.replace(u"    email: Mapped[str]"_s,
        u"    nickname: Mapped[str] = mapped_column(sa.String(80), nullable=True)\n    email: Mapped[str]"_s);
    QVERIFY(writeText(app + u"/app/models.py"_s, models));
    ran = retort(app,
        { u"create"_s, u"-m"_s, u"profile fields"_s, u"--autogenerate"_s, u"--rev-id"_s, u"e5c0ffee0005"_s }, password);
    QVERIFY2(ran.exitCode == 0, qPrintable(ran.out + ran.err));
    const QString file = readText(versions + u"/e5c0ffee0005_profile_fields.py"_s);
    QVERIFY2(file.contains(u"op.add_column('users', sa.Column('nickname'"_s), qPrintable(file));
    QVERIFY2(file.contains(u"op.drop_column('organizations', 'name')"_s), qPrintable(file));
    QVERIFY2(!file.contains(u"retort_history"_s) && !file.contains(u"op.drop_table"_s), qPrintable(file));
    QVERIFY2(ran.err.contains(u"organizations.name is dropped and organizations.title added"_s), qPrintable(ran.err));
    QVERIFY2(ran.out.contains(u"e5c0ffee0005"_s), qPrintable(ran.out));
    // --rename is for native projects.
    ran = retort(app,
        { u"create"_s, u"-m"_s, u"x"_s, u"--autogenerate"_s, u"--rename"_s,
            u"organizations.name=organizations.title"_s },
        password);
    QCOMPARE(ran.exitCode, 2);
    QCOMPARE(files(), 5);
}

void AlembicRunTest::historyInTheAppSchemaMovesWithItsRows_data()
{
    addDialects();
}

void AlembicRunTest::historyInTheAppSchemaMovesWithItsRows()
{
    QFETCH(QString, dialect);
    ScratchDatabase target(dialectFromName(dialect));
    QVERIFY(target.isValid());
    {
        // The table as an older Retort kept it, in the app's schema, with rows.
        auto connection = target.connect();
        QSqlQuery query(connection->database());
        const QString create = sqlResource(
            u"history_create"_s, target.settings().dialect, { { u"history_table"_s, u"\"retort_history\""_s } });
        QVERIFY2(query.exec(create), qPrintable(query.lastError().text()));
        for (const QString &revision : { u"0ld0000000a1"_s, u"0ld0000000b2"_s }) {
            QVERIFY2(query.exec(u"INSERT INTO main_or_public.retort_history (revision, action, outcome, started_at) "
                                "VALUES ('%1', 'upgrade', 'succeeded', '2026-01-01T00:00:00Z')"_s.arg(revision)
                                    .replace(u"main_or_public."_s, dialect == u"sqlite"_s ? u"main."_s : u"public."_s)),
                qPrintable(query.lastError().text()));
        }
    }
    const QString app = project(u"database-url"_s);
    QVERIFY(!app.isEmpty());
    // Two runners at once: one moves the table under the run lock, the
    // other waits and finds it moved (and nothing left to run).
    const QStringList arguments { u"-p"_s, app, u"--db"_s, target.settings().url(), u"upgrade"_s };
    ProcessResult first;
    std::thread other([&] { first = runProcess(cliExecutable(), arguments, app); });
    const ProcessResult second = runProcess(cliExecutable(), arguments, app);
    other.join();
    QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
    QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
    auto connection = target.connect();
    const QStringList rows = column(connection->database(),
        u"SELECT id || ' ' || revision || ' ' || outcome FROM retort_meta.retort_history ORDER BY id"_s);
    QCOMPARE(rows.mid(0, 2), (QStringList { u"1 0ld0000000a1 succeeded"_s, u"2 0ld0000000b2 succeeded"_s }));
    QCOMPARE(rows.size(), 6);
    QVERIFY(!userTables(connection->database(), target.settings().dialect).contains(u"retort_history"_s));
}

QTEST_GUILESS_MAIN(AlembicRunTest)
#include "tst_alembicrun.moc"
