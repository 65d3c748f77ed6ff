// retort-cli backup and restore as users run them, with the real binary,
// pg_dump and pg_restore: each bad situation (no pg_dump, an old one, a
// folder that cannot be written, a full disk) ends with a clear message, exit
// code 1 and nothing changed — no file left in the backup folder, the
// database where it was.
#include "backup/backupfolder.h"
#include "executortestutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <unistd.h>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

class CliBackupTest : public QObject
{
    Q_OBJECT
private slots:
    void backupThenRestoreRoundTrips();
    void badSituationsFailClearlyAndChangeNothing_data();
    void badSituationsFailClearlyAndChangeNothing();
    void restoreAsksAndRefusesWithoutATerminal();
    void listAndVerifyBackups();
    void backupFolderInsideTheProjectIsIgnoredByGit();

private:
    void prepare(const ScratchDatabase &database, const TemporaryProject &files);
};

namespace {

ProcessResult cli(const TemporaryProject &files, const ScratchDatabase &database, const QStringList &arguments,
    const QStringList &wrapper = {}, const QStringList &environment = {})
{
    // The URL (with its password) goes through the environment, not argv.
    const QStringList full = QStringList { u"-p"_s, files.path() } + arguments;
    const QStringList env = QStringList { u"DATABASE_URL="_s + database.settings().url() } + environment;
    if (wrapper.isEmpty())
        return runProcess(cliExecutable(), full, files.path(), env);
    return runProcess(wrapper.first(), wrapper.mid(1) + QStringList { cliExecutable() } + full, files.path(), env);
}

QStringList versionRows(const ScratchDatabase &database)
{
    auto connection = database.connect();
    return column(connection->database(), u"SELECT version_num FROM alembic_version ORDER BY 1"_s);
}

void makeExecutable(const QString &path, const QByteArray &content)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
        QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther);
}

} // namespace

void CliBackupTest::prepare(const ScratchDatabase &database, const TemporaryProject &files)
{
    files.writeRevision(
        u"a1.sql"_s, revisionFile(u"a1"_s, {}, u"CREATE TABLE notes (body text);"_s, u"DROP TABLE notes;"_s));
    const Project project = loadProject(files);
    Executor executor(project, database.settings(), {});
    QVERIFY(executor.open().ok());
    QVERIFY(executor.run(linearPlan(project, { u"a1"_s })).ok());
}

void CliBackupTest::backupThenRestoreRoundTrips()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const ProcessResult made = cli(files, database, { u"--json"_s, u"backup"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QJsonObject info = QJsonDocument::fromJson(made.out.toUtf8()).object();
    const QString path = info.value(u"path"_s).toString();
    QVERIFY2(path.startsWith(defaultBackupFolder(files.path()) + u"/"_s), qPrintable(made.out));
    QVERIFY(QFileInfo::exists(path));
    // By default outside the project's work tree, and ignored by git wherever it is.
    QVERIFY(!path.startsWith(files.path()));
    QVERIFY(!QFileInfo::exists(files.path() + u"/backups"_s));
    QFile ignore(defaultBackupFolder(files.path()) + u"/.gitignore"_s);
    QVERIFY(ignore.open(QIODevice::ReadOnly));
    QVERIFY(ignore.readAll().split('\n').contains("*"));
    QCOMPARE(info.value(u"version"_s).toArray().first().toString(), u"a1"_s);
    QVERIFY(!made.err.contains(database.settings().password));

    auto connection = database.connect();
    QVERIFY(QSqlQuery(connection->database()).exec(u"INSERT INTO notes VALUES ('after the backup')"_s));
    const ProcessResult restored = cli(files, database, { u"restore"_s, path, u"--yes"_s, u"--no-backup"_s });
    QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
    QVERIFY2(restored.out.contains(u"Restored "_s), qPrintable(restored.out));
    QCOMPARE(column(connection->database(), u"SELECT count(*) FROM notes"_s), QStringList { u"0"_s });
    QCOMPARE(QDir(defaultBackupFolder(files.path())).entryList(QDir::Files).size(), 1);

    // With the default, a backup of the current state comes first.
    const ProcessResult again = cli(files, database, { u"restore"_s, path, u"--yes"_s });
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    QCOMPARE(QDir(defaultBackupFolder(files.path())).entryList(QDir::Files).size(), 2);
}

// A folder kept in the project by choice gets an ignore rule: `git status`
// in the project does not offer the dump for a commit.
void CliBackupTest::backupFolderInsideTheProjectIsIgnoredByGit()
{
    ScratchDatabase database(Dialect::SQLite);
    TemporaryProject files;
    files.writeFile(u"retort.ini"_s, "[retort]\nbackup_folder = dumps\n");
    prepare(database, files);
    const ProcessResult made = cli(files, database, { u"--json"_s, u"backup"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString path = QJsonDocument::fromJson(made.out.toUtf8()).object().value(u"path"_s).toString();
    QCOMPARE(QFileInfo(path).absolutePath(), files.path() + u"/dumps"_s);
    QFile ignore(files.path() + u"/dumps/.gitignore"_s);
    QVERIFY(ignore.open(QIODevice::ReadOnly));
    QVERIFY(ignore.readAll().split('\n').contains("*"));
    if (QStandardPaths::findExecutable(u"git"_s).isEmpty())
        QSKIP("no git to ask");
    QCOMPARE(runProcess(u"git"_s, { u"init"_s, u"-q"_s }, files.path()).exitCode, 0);
    const ProcessResult status =
        runProcess(u"git"_s, { u"status"_s, u"--porcelain"_s, u"--untracked-files=all"_s }, files.path());
    QCOMPARE(status.exitCode, 0);
    QVERIFY2(!status.out.contains(u"dumps/"_s), qPrintable(status.out));
    QVERIFY2(status.out.contains(u"versions/a1.sql"_s), qPrintable(status.out));
}

void CliBackupTest::listAndVerifyBackups()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const QString folder = defaultBackupFolder(files.path());

    const ProcessResult none = cli(files, database, { u"backup"_s, u"--list"_s });
    QVERIFY2(none.exitCode == 0, qPrintable(none.err));
    QCOMPARE(none.out, u"No backups in %1.\n"_s.arg(folder));

    const ProcessResult made = cli(files, database, { u"--json"_s, u"backup"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString path = QJsonDocument::fromJson(made.out.toUtf8()).object().value(u"path"_s).toString();
    // What a killed backup leaves, and a file that is no backup at all.
    QFile partial(folder + u"/shop-20250101-101500-a1.dump.partial"_s);
    QVERIFY(partial.open(QIODevice::WriteOnly));
    partial.write("PGDMP");
    partial.close();
    QFile notes(folder + u"/README.txt"_s);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("our backups\n");
    notes.close();

    const ProcessResult listed = cli(files, database, { u"--json"_s, u"backup"_s, u"--list"_s });
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
    const QJsonObject list = QJsonDocument::fromJson(listed.out.toUtf8()).object();
    QCOMPARE(list.value(u"folder"_s).toString(), folder);
    const QJsonArray backups = list.value(u"backups"_s).toArray();
    QCOMPARE(backups.size(), 2);
    // Newest first: the one just made, then the unfinished one from 2025.
    const QJsonObject newest = backups.at(0).toObject();
    QCOMPARE(newest.value(u"path"_s).toString(), path);
    QCOMPARE(newest.value(u"bytes"_s).toInteger(), QFileInfo(path).size());
    QCOMPARE(newest.value(u"format"_s).toString(), u"postgresql-custom"_s);
    QCOMPARE(newest.value(u"version"_s).toArray(), QJsonArray { u"a1"_s });
    QCOMPARE(newest.value(u"state"_s).toString(), u"verified-when-made"_s);
    const QJsonObject unfinished = backups.at(1).toObject();
    QCOMPARE(unfinished.value(u"state"_s).toString(), u"unfinished"_s);
    QCOMPARE(unfinished.value(u"created_at"_s).toString(), u"2025-01-01T10:15:00Z"_s);

    const ProcessResult text = cli(files, database, { u"backup"_s, u"--list"_s });
    QVERIFY2(text.out.contains(u"  a1  verified when made  "_s + QFileInfo(path).fileName()), qPrintable(text.out));

    const ProcessResult verified = cli(files, database, { u"--json"_s, u"backup"_s, u"--verify"_s, path });
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    const QJsonObject check = QJsonDocument::fromJson(verified.out.toUtf8()).object();
    QCOMPARE(check.value(u"path"_s).toString(), path);
    QCOMPARE(check.value(u"version"_s).toArray(), QJsonArray { u"a1"_s });
    QVERIFY(check.value(u"entries"_s).toInt() >= 4);

    // Cut short, as a copy interrupted half way: exit 1, the file named.
    const QString cut = folder + u"/cut.dump"_s;
    QFile source(path);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile target(cut);
    QVERIFY(target.open(QIODevice::WriteOnly));
    target.write(source.read(source.size() * 2 / 3));
    target.close();
    const ProcessResult damaged = cli(files, database, { u"backup"_s, u"--verify"_s, cut });
    QCOMPARE(damaged.exitCode, 1);
    QVERIFY2(damaged.err.contains(u"retort-cli: error: "_s + cut + u": "_s), qPrintable(damaged.err));

    const ProcessResult missing = cli(files, database, { u"backup"_s, u"--verify"_s, folder + u"/none.dump"_s });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"there is no backup file here"_s), qPrintable(missing.err));
    const ProcessResult both = cli(files, database, { u"backup"_s, u"--list"_s, u"--verify"_s, path });
    QCOMPARE(both.exitCode, 2);
    // Nothing of this wrote anything.
    QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 4);
}

void CliBackupTest::badSituationsFailClearlyAndChangeNothing_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing-pg_dump") << u"missing"_s
                                     << u"pg_dump was not found on PATH; install the PostgreSQL client tools"_s;
    QTest::newRow("pg_dump-older-than-the-server") << u"old"_s << u"pg_dump 12 ("_s;
    QTest::newRow("read-only-folder") << u"read-only"_s << u"cannot write in the backup folder: "_s;
    QTest::newRow("full-disk") << u"full"_s << u"could not write to output file: File too large"_s;
    QTest::newRow("folder-is-a-file") << u"file"_s << u"the backup folder is a file, not a folder"_s;
}

void CliBackupTest::badSituationsFailClearlyAndChangeNothing()
{
    QFETCH(QString, situation);
    QFETCH(QString, message);
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    {
        auto connection = database.connect();
        QVERIFY(QSqlQuery(connection->database())
                    .exec(u"INSERT INTO notes SELECT md5(g::text) FROM generate_series(1, 30000) g"_s));
    }
    const QString folder = defaultBackupFolder(files.path());
    QStringList wrapper;
    QStringList environment;
    const QString bin = files.path() + u"/bin"_s;
    QDir().mkpath(bin);
    if (situation == u"missing"_s) {
        // Only the shell utilities retort-cli may need, no PostgreSQL tools.
        environment.append(u"PATH="_s + bin);
    } else if (situation == u"old"_s) {
        makeExecutable(bin + u"/pg_dump"_s, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 12.3'\n");
        environment.append(u"PATH="_s + bin + u":"_s + qEnvironmentVariable("PATH"));
    } else if (situation == u"read-only"_s) {
        QVERIFY(QDir().mkpath(folder));
        QFile::setPermissions(folder,
            QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                QFileDevice::ReadOther | QFileDevice::ExeOther);
        if (::geteuid() == 0) {
            // Root writes anywhere; the CLI runs as "nobody" instead, which
            // can read the project but not write in the 0555 folder.
            for (const QString &path :
                QStringList { files.path(), files.versionsPath(), files.versionsPath() + u"/a1.sql"_s })
                QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ReadOther | QFileDevice::ExeOther);
            wrapper = { u"setpriv"_s, u"--reuid=nobody"_s, u"--regid=nogroup"_s, u"--clear-groups"_s, u"--"_s };
        }
    } else if (situation == u"full"_s) {
        // A file-size limit for retort-cli and pg_dump, SIGXFSZ ignored so
        // pg_dump sees the failed write as it would see a full disk.
        wrapper = { u"bash"_s, u"-c"_s, u"trap '' XFSZ; ulimit -f 64; exec \"$@\""_s, u"bash"_s };
    } else if (situation == u"file"_s) {
        QFile file(folder);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const QStringList before = QDir(folder).entryList(QDir::Files);

    const ProcessResult result = cli(files, database, { u"backup"_s }, wrapper, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY2(result.err.startsWith(u"retort-cli: "_s), qPrintable(result.err));
    QVERIFY(!result.err.contains(database.settings().password));
    // Nothing but the ignore rule, which a backup folder always gets.
    QStringList after = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    after.removeAll(u".gitignore"_s);
    QCOMPARE(after, before);
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });

    // A downgrade that asked for a backup does not start without one.
    const ProcessResult downgrade =
        cli(files, database, { u"downgrade"_s, u"base"_s, u"--yes"_s }, wrapper, environment);
    QCOMPARE(downgrade.exitCode, 1);
    QVERIFY2(downgrade.err.contains(message), qPrintable(downgrade.err));
    QVERIFY2(downgrade.err.contains(u"the downgrade did not start"_s), qPrintable(downgrade.err));
    QCOMPARE(versionRows(database), QStringList { u"a1"_s });
    after = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    after.removeAll(u".gitignore"_s);
    QCOMPARE(after, before);
}

void CliBackupTest::restoreAsksAndRefusesWithoutATerminal()
{
    ScratchDatabase database(Dialect::PostgreSQL);
    QVERIFY(database.isValid());
    TemporaryProject files;
    prepare(database, files);
    const ProcessResult made = cli(files, database, { u"--json"_s, u"backup"_s });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const QString path = QJsonDocument::fromJson(made.out.toUtf8()).object().value(u"path"_s).toString();
    auto connection = database.connect();
    QVERIFY(QSqlQuery(connection->database()).exec(u"INSERT INTO notes VALUES ('kept')"_s));
    // setsid: no controlling terminal, as in CI.
    const ProcessResult refused =
        runProcess(u"setsid"_s, { cliExecutable(), u"-p"_s, files.path(), u"restore"_s, path }, files.path(),
            { u"DATABASE_URL="_s + database.settings().url() });
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"there is no terminal to ask on; run it with --yes"_s), qPrintable(refused.err));
    QCOMPARE(column(connection->database(), u"SELECT body FROM notes"_s), QStringList { u"kept"_s });

    const ProcessResult missing = cli(files, database, { u"restore"_s, files.path() + u"/nothing.dump"_s, u"--yes"_s });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"nothing.dump: there is no backup file here"_s), qPrintable(missing.err));
}

QTEST_GUILESS_MAIN(CliBackupTest)
#include "tst_clibackup.moc"
