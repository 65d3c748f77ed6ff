// Backups and restores with the real pg_dump, pg_restore and psql, and
// SQLite's VACUUM INTO: files that are private and verified, restores that
// put the database back exactly (removing what the backup does not have),
// and every way a backup can fail — a missing or too old pg_dump, a full
// disk — each with a clear message and nothing left behind.
#include "backup/backuprunner.h"
#include "backup/passfile.h"
#include "executortestutil.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class BackupTest : public QObject
{
    Q_OBJECT
private slots:
    void backupIsPrivateVerifiedAndRestoresExactly_data();
    void backupIsPrivateVerifiedAndRestoresExactly();
    void toolVersionsAreCompared_data();
    void toolVersionsAreCompared();
    void missingPgDumpIsAClearErrorAndNothingIsWritten();
    void olderPgDumpIsRefusedBeforeAnythingIsWritten();
    void fullDiskLeavesNoPartialBackup_data();
    void fullDiskLeavesNoPartialBackup();
    void damagedBackupIsRefusedAndTheDatabaseKept();
    void passwordsGoThroughAPrivatePassfile();

private:
    // A project with two revisions applied to `database`.
    void prepare(ScratchDatabase &database, TemporaryProject &files);
};

namespace {

QStringList filesIn(const QString &folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden);
}

// PATH set for the duration of a scope.
class ScopedPath
{
public:
    explicit ScopedPath(const QString &path)
        : m_saved(qgetenv("PATH"))
    {
        qputenv("PATH", path.toUtf8());
    }
    ~ScopedPath() { qputenv("PATH", m_saved); }

private:
    QByteArray m_saved;
};

// A file-size limit for this process and its children, as a full disk
// looks to a writer (EFBIG instead of ENOSPC; SIGXFSZ ignored so that the
// writer sees the error instead of dying).
class ScopedFileSizeLimit
{
public:
    explicit ScopedFileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~ScopedFileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }

private:
    rlimit m_saved {};
    void (*m_handler)(int) = nullptr;
};

// The file's mode bits, as ls shows them.
int unixMode(const QString &path)
{
    struct stat info { };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

QString scalar(QSqlDatabase db, const QString &sql)
{
    return column(db, sql).value(0);
}

void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql") << u"postgresql"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

} // namespace

void BackupTest::prepare(ScratchDatabase &database, TemporaryProject &files)
{
    files.writeRevision(u"a1.sql"_s,
        revisionFile(u"a1"_s, {},
            u"CREATE TABLE items (id integer PRIMARY KEY, name text);\nINSERT INTO items VALUES (1, 'one'), (2, 'two');"_s,
            u"DROP TABLE items;"_s));
    files.writeRevision(
        u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE notes (body text);"_s, u"DROP TABLE notes;"_s));
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    QVERIFY(executor.run(linearPlan(project, { u"a1"_s, u"b2"_s })).ok());
}

void BackupTest::backupIsPrivateVerifiedAndRestoresExactly_data()
{
    addDialectRows();
}

void BackupTest::backupIsPrivateVerifiedAndRestoresExactly()
{
    QFETCH(QString, dialect);
    const Dialect kind = dialectFromName(dialect);
    ScratchDatabase database(kind);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const Project project = loadProject(files);
    const QString folder = files.path() + u"/backups"_s;

    BackupInfo made;
    {
        Executor executor(project, database.settings(), {});
        QVERIFY(executor.open().ok());
        BackupRunner backups(executor);
        QSignalSpy progress(&backups, &BackupRunner::progress);
        Result<BackupInfo> backup = backups.backup(folder);
        QVERIFY2(backup.ok(), qPrintable(backup ? QString() : backup.error().toString()));
        made = *backup;
        if (kind == Dialect::PostgreSQL) {
            QVERIFY(progress.size() > 3); // pg_dump --verbose
            QVERIFY(made.tool.startsWith(u"pg_dump (PostgreSQL) "_s));
        }
    }
    QCOMPARE(filesIn(folder), (QStringList { u".gitignore"_s, QFileInfo(made.path).fileName() }));
    QVERIFY2(QFileInfo(made.path).fileName().endsWith(kind == Dialect::PostgreSQL ? u"-b2.dump"_s : u"-b2.sqlite"_s),
        qPrintable(made.path));
    QCOMPARE(unixMode(made.path), 0600);
    QCOMPARE(unixMode(folder), 0700);
    QVERIFY(made.bytes > 0);
    // items, notes, alembic_version (and their data); PostgreSQL: retort_meta's
    // history too (SQLite keeps it in a file of its own, left as it is).
    QVERIFY(made.entries >= (kind == Dialect::PostgreSQL ? 4 : 3));
    QCOMPARE(made.versionRows, QStringList { u"b2"_s });

    // Changes after the backup: data, a dropped table, a new table, a new
    // schema (PostgreSQL), and the version moved on.
    {
        auto connection = database.connect();
        QSqlDatabase db = connection->database();
        QSqlQuery query(db);
        QVERIFY(query.exec(u"UPDATE items SET name = 'changed'"_s));
        QVERIFY(query.exec(u"DROP TABLE notes"_s));
        QVERIFY(query.exec(u"CREATE TABLE later (x int)"_s));
        QVERIFY(query.exec(u"UPDATE alembic_version SET version_num = 'zz'"_s));
        if (kind == Dialect::PostgreSQL) {
            QVERIFY(query.exec(u"CREATE SCHEMA extra"_s));
            QVERIFY(query.exec(u"CREATE TABLE extra.t (x int)"_s));
            QVERIFY(query.exec(u"CREATE VIEW item_names AS SELECT name FROM items"_s));
        }
    }

    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    BackupRunner backups(executor);
    Result<RestorePlan> plan = backups.planRestore(made.path);
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    if (kind == Dialect::PostgreSQL)
        QCOMPARE(
            plan->removed, (QStringList { u"SCHEMA extra"_s, u"TABLE public.later"_s, u"VIEW public.item_names"_s }));
    Result<void> restored = backups.restore(*plan);
    QVERIFY2(restored.ok(), qPrintable(restored ? QString() : restored.error().toString()));
    QSqlDatabase db = executor.database();
    QCOMPARE(userTables(db, kind), (QStringList { u"alembic_version"_s, u"items"_s, u"notes"_s }));
    QCOMPARE(column(db, u"SELECT name FROM items ORDER BY id"_s), (QStringList { u"one"_s, u"two"_s }));
    QCOMPARE(executor.versionRows().value(), QStringList { u"b2"_s });
    if (kind == Dialect::PostgreSQL)
        QCOMPARE(scalar(db, u"SELECT count(*) FROM pg_namespace WHERE nspname = 'extra'"_s), u"0"_s);
    // PostgreSQL: the history came back with the backup, and says both
    // things since. SQLite: the history lives in a file of its own that a
    // restore leaves alone, so nothing of it is lost, the restore last.
    HistoryTable history(db, kind, {}, u"retort_history"_s);
    const QList<HistoryEntry> rows = history.entries().value();
    QCOMPARE(rows.size(), kind == Dialect::PostgreSQL ? 3 : 4);
    QCOMPARE(rows.last().action, HistoryAction::Restore);
    QCOMPARE(rows.last().scriptPath, made.path);
    QCOMPARE(rows.last().outcome, HistoryOutcome::Succeeded);
}

void BackupTest::toolVersionsAreCompared_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("number");
    QTest::newRow("debian-17") << u"pg_dump (PostgreSQL) 17.2 (Debian 17.2-1.pgdg120+1)"_s << 1700;
    QTest::newRow("plain-12") << u"pg_dump (PostgreSQL) 12.3"_s << 1200;
    QTest::newRow("old-9.6") << u"pg_restore (PostgreSQL) 9.6.24"_s << 906;
    QTest::newRow("not-a-version") << u"bash: pg_dump: command not found"_s << 0;
}

void BackupTest::toolVersionsAreCompared()
{
    QFETCH(QString, text);
    QFETCH(int, number);
    QCOMPARE(BackupRunner::toolVersionNumber(text), number);
}

void BackupTest::missingPgDumpIsAClearErrorAndNothingIsWritten()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    BackupRunner backups(executor);
    const QString folder = files.path() + u"/backups"_s;
    Result<BackupInfo> backup = [&] {
        const ScopedPath path(files.path());
        return backups.backup(folder);
    }();
    QVERIFY(!backup.ok());
    QCOMPARE(backup.error().message,
        u"pg_dump was not found on PATH; install the PostgreSQL client tools (Debian and Ubuntu: package "
        "postgresql-client) or put them on PATH"_s);
    QVERIFY(!QFileInfo::exists(folder));
    // The failed attempt is in the history; the database is otherwise as it was.
    HistoryTable history(executor.database(), Dialect::PostgreSQL, {}, u"retort_history"_s);
    QCOMPARE(history.entries().value().last().outcome, HistoryOutcome::Failed);
    QCOMPARE(executor.versionRows().value(), QStringList { u"b2"_s });
}

void BackupTest::olderPgDumpIsRefusedBeforeAnythingIsWritten()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const Project project = loadProject(files);
    // A pg_dump that says it is version 12, first on PATH.
    const QString bin = files.path() + u"/oldbin"_s;
    QDir().mkpath(bin);
    QFile fake(bin + u"/pg_dump"_s);
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.3'\n[ \"$1\" = --version ] || { echo used >&2; exit 1; }\n");
    fake.close();
    fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    BackupRunner backups(executor);
    const QString folder = files.path() + u"/backups"_s;
    Result<BackupInfo> backup = [&] {
        const ScopedPath path(bin + u":"_s + qEnvironmentVariable("PATH"));
        return backups.backup(folder);
    }();
    QVERIFY(!backup.ok());
    QVERIFY2(backup.error().message.startsWith(
                 u"pg_dump 12 ("_s + bin + u"/pg_dump) is older than the server (PostgreSQL "_s),
        qPrintable(backup.error().message));
    QVERIFY(backup.error().message.contains(u"package postgresql-client-"_s));
    QVERIFY(!QFileInfo::exists(folder));
}

void BackupTest::fullDiskLeavesNoPartialBackup_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("message");
    QTest::newRow("postgresql") << u"postgresql"_s << u"could not write to output file: File too large"_s;
    QTest::newRow("sqlite") << u"sqlite"_s << u"disk I/O error"_s; // what SQLite makes of EFBIG
}

void BackupTest::fullDiskLeavesNoPartialBackup()
{
    QFETCH(QString, dialect);
    QFETCH(QString, message);
    const Dialect kind = dialectFromName(dialect);
    ScratchDatabase database(kind);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    {
        // Enough rows that the backup needs more than the limit allows.
        auto connection = database.connect();
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(kind == Dialect::PostgreSQL
                ? u"INSERT INTO notes SELECT md5(g::text) FROM generate_series(1, 20000) g"_s
                : u"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000) "
                  "INSERT INTO notes SELECT hex(randomblob(16)) FROM g"_s));
    }
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    BackupRunner backups(executor);
    const QString folder = files.path() + u"/backups"_s;
    Result<BackupInfo> backup = [&] {
        const ScopedFileSizeLimit limit(64 * 1024);
        return backups.backup(folder);
    }();
    QVERIFY(!backup.ok());
    QVERIFY2(backup.error().message.startsWith(u"the backup failed and nothing was kept: "_s),
        qPrintable(backup.error().message));
    QVERIFY2(backup.error().message.contains(message), qPrintable(backup.error().message));
    QCOMPARE(filesIn(folder), QStringList { u".gitignore"_s }); // the ignore rule, no partial dump
    QCOMPARE(executor.versionRows().value(), QStringList { u"b2"_s });
}

void BackupTest::damagedBackupIsRefusedAndTheDatabaseKept()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    // A table owned by a role that the database will no longer have when
    // the backup is restored (as on another server): the restore fails
    // after it has dropped and recreated other objects.
    const QString role = u"retort_owner_"_s + QString::number(QCoreApplication::applicationPid());
    auto admin = database.connect();
    QSqlQuery setup(admin->database());
    QVERIFY(setup.exec(u"CREATE ROLE "_s + role));
    QVERIFY(setup.exec(u"CREATE TABLE owned (x int)"_s));
    QVERIFY(setup.exec(u"ALTER TABLE owned OWNER TO "_s + role));
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    BackupRunner backups(executor);
    Result<BackupInfo> backup = backups.backup(files.path() + u"/backups"_s);
    QVERIFY(backup.ok());
    QVERIFY(setup.exec(u"DROP TABLE owned"_s));
    QVERIFY(setup.exec(u"DROP ROLE "_s + role));
    QVERIFY(setup.exec(u"UPDATE items SET name = 'kept'"_s));

    Result<RestorePlan> plan = backups.planRestore(backup->path);
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    Result<void> restored = backups.restore(*plan);
    QVERIFY(!restored.ok());
    QVERIFY2(
        restored.error().message.startsWith(u"the restore failed and was rolled back; the database is as it was"_s),
        qPrintable(restored.error().message));
    QVERIFY2(restored.error().message.contains(role), qPrintable(restored.error().message));
    QCOMPARE(userTables(executor.database(), Dialect::PostgreSQL),
        (QStringList { u"alembic_version"_s, u"items"_s, u"notes"_s }));
    QCOMPARE(
        column(executor.database(), u"SELECT name FROM items ORDER BY id"_s), (QStringList { u"kept"_s, u"kept"_s }));

    // Cut short, as an interrupted copy leaves it: refused before anything changes.
    QFile file(backup->path);
    QVERIFY(file.resize(backup->bytes - 100));
    Result<RestorePlan> truncated = backups.planRestore(backup->path);
    QVERIFY(!truncated.ok());
    QVERIFY2(truncated.error().message.contains(u"not a backup pg_restore can read"_s) ||
            truncated.error().message.contains(u"the backup is damaged"_s),
        qPrintable(truncated.error().message));

    Result<RestorePlan> notABackup = backups.planRestore(files.path() + u"/versions/a1.sql"_s);
    QVERIFY(!notABackup.ok());
    QVERIFY2(notABackup.error().message.startsWith(u"not a backup pg_restore can read"_s),
        qPrintable(notABackup.error().message));
}

void BackupTest::passwordsGoThroughAPrivatePassfile()
{
    QCOMPARE(pgpassLine(u"se:cr\\et"_s), QByteArray("*:*:*:*:se\\:cr\\\\et\n"));
    ConnectionSettings settings;
    settings.password = u"s3cret"_s;
    Result<std::unique_ptr<PassFile>> file = PassFile::create(settings);
    QVERIFY(file.ok());
    const QString path = (*file)->path();
    QCOMPARE(unixMode(path), 0600);
    ProcessRequest request;
    (*file)->apply(request);
    QCOMPARE(request.environment.value(u"PGPASSFILE"_s), path);
    QVERIFY(request.removeFromEnvironment.contains(u"PGPASSWORD"_s));
    QVERIFY(!request.arguments.join(u' ').contains(u"s3cret"_s));
    file->reset();
    QVERIFY(!QFileInfo::exists(path));
    // The conninfo handed to the tools never holds the password.
    ConnectionSettings full =
        ConnectionSettings::fromUrl(u"postgresql://bob:pw@db.example:5433/app%20name?sslmode=require"_s).value();
    QCOMPARE(full.conninfo(), u"host=db.example port=5433 dbname='app name' user=bob sslmode=require"_s);
}

QTEST_GUILESS_MAIN(BackupTest)
#include "tst_backup.moc"
