// The backups dialog driven as a user would, against real databases and the
// real pg_dump, pg_restore and psql: a backup made from the window is a
// private, verified file listed with its revision; a check reads a backup
// back; a restore says what it replaces, asks (production: the name typed),
// and puts data and version table back as they were; failures say why and
// change nothing; the window stays responsive and Cancel works.
#include "backup/backupcatalog.h"
#include "backup/backuplistmodel.h"
#include "backup/backupsdialog.h"
#include "backup/restoreconfirmation.h"
#include "executortestutil.h"
#include "mainwindow.h"
#include "screenshots.h"
#include "windowactions.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <sys/stat.h>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

namespace {

int unixMode(const QString &path)
{
    struct stat info { };
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

// Everything in the folder but its ignore rule (.gitignore, always written).
QStringList backupFiles(const QString &folder)
{
    QStringList files = QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    files.removeAll(QStringLiteral(".gitignore"));
    return files;
}

bool waitUntilIdle(const BackupsDialog &dialog)
{
    return QTest::qWaitFor([&dialog] { return !dialog.isBusy(); }, 60000);
}

QString cell(const BackupsDialog &dialog, int row, int column)
{
    return dialog.model()->index(row, column).data().toString();
}

// One row per dialect, with what the dialect changes in what a user sees.
void addDialectRows()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("backUpLogLine"); // shown while backing up
    QTest::addColumn<QString>("verifyLogLine"); // shown while checking a backup
    QTest::addColumn<QString>("backupSuffix");
    QTest::addColumn<QStringList>("restoreDrops"); // what the restore confirmation says it drops
    QTest::addColumn<bool>("screenshots"); // the README's pictures are of PostgreSQL
    QTest::newRow("postgresql") << u"postgresql"_s << u"pg_dump: dumping contents of table \"public.items\""_s
                                << u"Reading the whole backup"_s << u".dump"_s
                                << QStringList { u"TABLE public.audit"_s } << true;
    QTest::newRow("sqlite") << u"sqlite"_s << u"with VACUUM INTO"_s << u"Checking the backup's integrity"_s
                            << u".sqlite"_s << QStringList() << false;
}

// The dialect of the running row (see addDialectRows).
Dialect rowDialect()
{
    QFETCH(QString, dialect);
    return dialectFromName(dialect);
}

// A project whose a1 creates and fills `items`, b2 adds `notes` and c3
// adds `audit`, and a database of the row's dialect migrated to b2.
struct Setup {
    explicit Setup(Dialect dialect)
        : kind(dialect)
        , database(dialect)
    { }

    // False, with the reason in `why`, when the database cannot be prepared.
    bool prepare(const QByteArray &ini = {})
    {
        if (!database.isValid()) {
            why = u"no database"_s;
            return false;
        }
        files.writeRevision(u"a1.sql"_s,
            revisionFile(u"a1"_s, {},
                u"CREATE TABLE items (id integer PRIMARY KEY, name text);\nINSERT INTO items VALUES (1, 'one'), (2, 'two');"_s,
                u"DROP TABLE items;"_s));
        files.writeRevision(
            u"b2.sql"_s, revisionFile(u"b2"_s, u"a1"_s, u"CREATE TABLE notes (body text);"_s, u"DROP TABLE notes;"_s));
        files.writeRevision(
            u"c3.sql"_s, revisionFile(u"c3"_s, u"b2"_s, u"CREATE TABLE audit (at text);"_s, u"DROP TABLE audit;"_s));
        if (!ini.isEmpty())
            files.writeFile(u"retort.ini"_s, ini);
        project = loadProject(files);
        return upgrade({ u"a1"_s, u"b2"_s }, {});
    }

    // Runs the upgrades `ids` from `before`, as Retort's executor does.
    bool upgrade(const QStringList &ids, const QStringList &before)
    {
        Executor executor(project, database.settings(), {});
        if (Result<void> opened = executor.open(); !opened) {
            why = opened.error().toString();
            return false;
        }
        const ExecutionReport report = executor.run(linearPlan(project, ids, before));
        if (!report.ok())
            why = report.failure->error.toString();
        return report.ok();
    }

    // What a restore must bring back: every table's rows and the version table.
    QString snapshot() const
    {
        auto connection = database.connect();
        QSqlDatabase db = connection->database();
        QStringList parts;
        for (const QString &table : userTables(db, kind)) {
            if (table == u"retort_history"_s)
                continue; // a restore records itself there
            parts << table + u": "_s + column(db, u"SELECT * FROM "_s + table + u" ORDER BY 1"_s).join(u',');
        }
        return parts.join(u"; "_s);
    }

    Dialect kind;
    ScratchDatabase database;
    TemporaryProject files;
    Project project;
    QString why;
};

// Back Up Now, to the end; false when it failed.
bool backUp(BackupsDialog &dialog)
{
    dialog.backUpNow();
    return waitUntilIdle(dialog) && !dialog.lastFailed();
}

} // namespace

class BackupsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void backUpNowListsAPrivateVerifiedBackup_data();
    void backUpNowListsAPrivateVerifiedBackup();
    void verifyReadsTheRevisionFromTheBackup_data();
    void verifyReadsTheRevisionFromTheBackup();
    void restorePutsTheDatabaseBack_data();
    void restorePutsTheDatabaseBack();
    void productionRestoreWaitsForTheName();
    void damagedBackupIsRefusedAndNothingChanges_data();
    void damagedBackupIsRefusedAndNothingChanges();
    void unusableBackupFolderFailsClearly_data();
    void unusableBackupFolderFailsClearly();
    void cancelWhileWaitingForAnotherRun();
    void cancelStopsARunningPgDump();
    void backUpNowFromTheWindow();
};

void BackupsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void BackupsTest::backUpNowListsAPrivateVerifiedBackup_data()
{
    addDialectRows();
}

void BackupsTest::backUpNowListsAPrivateVerifiedBackup()
{
    const Dialect kind = rowDialect();
    Setup setup(kind);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    const QString folder = project.backupFolder();

    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!QFileInfo::exists(folder)); // made by the first backup
    QVERIFY(dialog.backUpButton()->isEnabled());
    QVERIFY(!dialog.restoreButton()->isEnabled()); // nothing selected
    QTest::mouseClick(dialog.backUpButton(), Qt::LeftButton);
    QVERIFY(dialog.isBusy());
    QVERIFY(dialog.cancelButton()->isEnabled());
    QVERIFY(!dialog.backUpButton()->isEnabled());
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY2(!dialog.lastFailed(), qPrintable(dialog.resultText()));

    const QStringList made = backupFiles(folder);
    QCOMPARE(made.size(), 1);
    const QString path = QDir(folder).filePath(made.first());
    QCOMPARE(unixMode(path), 0600);
    QVERIFY(QFileInfo(path).size() > 0);
    QCOMPARE(dialog.model()->rowCount(), 1);
    QCOMPARE(dialog.selectedBackup(), path);
    QCOMPARE(cell(dialog, 0, BackupListModel::RevisionColumn), u"b2"_s);
    QCOMPARE(cell(dialog, 0, BackupListModel::StateColumn), u"verified when made"_s);
    QCOMPARE(cell(dialog, 0, BackupListModel::FileColumn), made.first());
    QVERIFY2(dialog.resultText().startsWith(u"Backed up at b2 to "_s + made.first()), qPrintable(dialog.resultText()));
    QFETCH(QString, backUpLogLine); // pg_dump --verbose, line by line
    QVERIFY2(dialog.logText().contains(backUpLogLine), qPrintable(dialog.logText()));
    QVERIFY(dialog.restoreButton()->isEnabled());
    QVERIFY(dialog.verifyButton()->isEnabled());
    // The password never shows (the test server's URL carries one).
    const QString password = database.settings().password;
    QCOMPARE(password.isEmpty(), kind == Dialect::SQLite);
    for (const QString &shown : { dialog.logText(), dialog.resultText(), dialog.windowTitle() })
        QVERIFY(password.isEmpty() || !shown.contains(password));
    QFETCH(bool, screenshots);
    if (screenshots)
        QVERIFY(saveScreenshot(&dialog, u"backups"_s));
}

void BackupsTest::verifyReadsTheRevisionFromTheBackup_data()
{
    addDialectRows();
}

void BackupsTest::verifyReadsTheRevisionFromTheBackup()
{
    Setup setup(rowDialect());
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    const QString folder = project.backupFolder();
    QString madePath;
    {
        BackupsDialog dialog(project, database.settings(), false);
        QVERIFY2(backUp(dialog), qPrintable(dialog.resultText()));
        madePath = dialog.selectedBackup();
    }
    // A copy under a name that says nothing: the revision is unknown until
    // the backup itself is read.
    QFETCH(QString, backupSuffix);
    const QString copy = QDir(folder).filePath(u"before-the-release"_s + backupSuffix);
    QVERIFY(QFile::copy(madePath, copy));

    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QCOMPARE(dialog.model()->rowCount(), 2);
    QVERIFY(dialog.selectBackup(copy));
    const int row = dialog.model()->rowOf(copy);
    QCOMPARE(cell(dialog, row, BackupListModel::RevisionColumn), u"unknown"_s);
    QCOMPARE(cell(dialog, row, BackupListModel::StateColumn), u"not verified"_s);
    QTest::mouseClick(dialog.verifyButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY2(!dialog.lastFailed(), qPrintable(dialog.resultText()));
    const int after = dialog.model()->rowOf(copy);
    QCOMPARE(cell(dialog, after, BackupListModel::RevisionColumn), u"b2"_s);
    QVERIFY2(cell(dialog, after, BackupListModel::StateColumn).startsWith(u"verified "_s),
        qPrintable(cell(dialog, after, BackupListModel::StateColumn)));
    QVERIFY2(dialog.resultText().contains(u"is sound"_s), qPrintable(dialog.resultText()));
    QVERIFY2(dialog.resultText().contains(u"at b2"_s), qPrintable(dialog.resultText()));
    QFETCH(QString, verifyLogLine);
    QVERIFY2(dialog.logText().contains(verifyLogLine), qPrintable(dialog.logText()));
    // Checking reads; it never writes.
    QCOMPARE(backupFiles(folder).size(), 2);
}

void BackupsTest::restorePutsTheDatabaseBack_data()
{
    addDialectRows();
}

void BackupsTest::restorePutsTheDatabaseBack()
{
    const Dialect kind = rowDialect();
    Setup setup(kind);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    const QString folder = project.backupFolder();

    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QVERIFY2(backUp(dialog), qPrintable(dialog.resultText()));
    const QString backup = dialog.selectedBackup();
    const QString atBackup = setup.snapshot();

    // Since the backup: an upgrade to c3 (a new table) and changed data.
    QVERIFY2(setup.upgrade({ u"c3"_s }, { u"b2"_s }), qPrintable(setup.why));
    {
        auto connection = database.connect();
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(u"UPDATE items SET name = 'changed'"_s));
        QVERIFY(query.exec(u"INSERT INTO audit VALUES ('now')"_s));
    }
    const QString changed = setup.snapshot();
    QVERIFY(changed != atBackup);

    QVERIFY(dialog.selectBackup(backup));
    QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY2(!dialog.lastFailed(), qPrintable(dialog.resultText()));
    // Asked first: nothing has changed yet.
    RestoreConfirmation *confirmation = dialog.confirmation();
    QVERIFY(confirmation->isVisible());
    QCOMPARE(setup.snapshot(), changed);
    const QString text = confirmation->text();
    QVERIFY2(text.contains(QFileInfo(backup).fileName()), qPrintable(text));
    QVERIFY2(text.contains(u"is at c3 now; afterwards it is at b2"_s), qPrintable(text));
    QFETCH(QStringList, restoreDrops); // the table the backup does not have
    for (const QString &dropped : restoreDrops)
        QVERIFY2(text.contains(dropped), qPrintable(text));
    QVERIFY(!confirmation->nameEdit()->isVisible()); // not production
    QVERIFY(confirmation->restoreButton()->isEnabled());
    QVERIFY(confirmation->backupFirstBox()->isChecked());
    QFETCH(bool, screenshots);
    if (screenshots)
        QVERIFY(saveScreenshot(&dialog, u"restore-confirmation"_s));

    QTest::mouseClick(confirmation->restoreButton(), Qt::LeftButton);
    QVERIFY(dialog.isBusy());
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY2(!dialog.lastFailed(), qPrintable(dialog.resultText()));
    QCOMPARE(dialog.resultText(),
        u"Restored %1 into %2; it is at b2."_s.arg(QFileInfo(backup).fileName(), database.settings().displayName()));
    QCOMPARE(setup.snapshot(), atBackup);
    auto connection = database.connect();
    QCOMPARE(column(connection->database(), u"SELECT version_num FROM alembic_version"_s), QStringList { u"b2"_s });
    QVERIFY(!userTables(connection->database(), kind).contains(u"audit"_s));
    // The backup taken first, of the database as it was (at c3), is listed too.
    QCOMPARE(backupFiles(folder).size(), 2);
    QCOMPARE(dialog.model()->rowCount(), 2);
    QStringList revisions { cell(dialog, 0, BackupListModel::RevisionColumn),
        cell(dialog, 1, BackupListModel::RevisionColumn) };
    revisions.sort();
    QCOMPARE(revisions, (QStringList { u"b2"_s, u"c3"_s }));
    if (screenshots)
        QVERIFY(saveScreenshot(&dialog, u"restored"_s));
}

void BackupsTest::productionRestoreWaitsForTheName()
{
    Setup setup(Dialect::PostgreSQL);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    BackupsDialog dialog(project, database.settings(), true);
    dialog.show();
    QVERIFY2(backUp(dialog), qPrintable(dialog.resultText()));
    {
        auto connection = database.connect();
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(u"UPDATE items SET name = 'changed'"_s));
    }
    const QString changed = setup.snapshot();

    dialog.restoreSelected();
    QVERIFY(waitUntilIdle(dialog));
    RestoreConfirmation *confirmation = dialog.confirmation();
    QVERIFY(confirmation->isVisible());
    QVERIFY(confirmation->nameEdit()->isVisible());
    QVERIFY(!confirmation->restoreButton()->isEnabled());
    // Production is always backed up first.
    QVERIFY(confirmation->backupFirstBox()->isChecked());
    QVERIFY(!confirmation->backupFirstBox()->isEnabled());
    const QString name = database.settings().database;
    QTest::keyClicks(confirmation->nameEdit(), name.left(name.size() - 1));
    QVERIFY(!confirmation->restoreButton()->isEnabled());
    QTest::mouseClick(confirmation->restoreButton(), Qt::LeftButton); // does nothing
    QVERIFY(!dialog.isBusy());
    QTest::keyClicks(confirmation->nameEdit(), name.right(1));
    QVERIFY(confirmation->restoreButton()->isEnabled());
    QVERIFY(saveScreenshot(&dialog, u"restore-production"_s));
    // Changing one's mind: nothing happens.
    QTest::mouseClick(confirmation->cancelButton(), Qt::LeftButton);
    QVERIFY(!confirmation->isVisible());
    QCOMPARE(dialog.resultText(), u"Not restored; nothing was changed."_s);
    QCOMPARE(setup.snapshot(), changed);
    QCOMPARE(backupFiles(project.backupFolder()).size(), 1);
}

void BackupsTest::damagedBackupIsRefusedAndNothingChanges_data()
{
    addDialectRows();
}

void BackupsTest::damagedBackupIsRefusedAndNothingChanges()
{
    Setup setup(rowDialect());
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QVERIFY2(backUp(dialog), qPrintable(dialog.resultText()));
    const QString backup = dialog.selectedBackup();
    QVERIFY(!backup.isEmpty());
    QVERIFY2(setup.upgrade({ u"c3"_s }, { u"b2"_s }), qPrintable(setup.why));
    const QString before = setup.snapshot();

    // Damage the second half of the file, as a bad disk or a cut copy would.
    QFile file(backup);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(file.seek(size / 2));
    QVERIFY(file.write(QByteArray(size - size / 2, 'x')) > 0);
    file.close();

    QVERIFY(dialog.selectBackup(backup));
    QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY(dialog.lastFailed());
    QVERIFY(!dialog.confirmation()->isVisible()); // never asked: nothing to restore from
    QVERIFY2(dialog.resultText().contains(backup), qPrintable(dialog.resultText()));
    // Damage in the table of contents or in the data, depending on the size.
    QVERIFY2(dialog.resultText().contains(u"damaged"_s) ||
            dialog.resultText().contains(u"not a backup pg_restore can read"_s),
        qPrintable(dialog.resultText()));
    QCOMPARE(setup.snapshot(), before);

    QVERIFY(dialog.selectBackup(backup));
    QTest::mouseClick(dialog.verifyButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY(dialog.lastFailed());
    const int row = dialog.model()->rowOf(backup);
    QCOMPARE(cell(dialog, row, BackupListModel::StateColumn), u"damaged"_s);
    // The tooltip says what is wrong, as the result does.
    const QString problem = dialog.model()->index(row, BackupListModel::StateColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(dialog.resultText().contains(problem), qPrintable(problem));
    // A damaged backup is not offered for restoring.
    QVERIFY(!dialog.restoreButton()->isEnabled());
    QCOMPARE(setup.snapshot(), before);
    QFETCH(bool, screenshots);
    if (screenshots)
        QVERIFY(saveScreenshot(&dialog, u"backup-damaged"_s));
}

void BackupsTest::unusableBackupFolderFailsClearly_data()
{
    addDialectRows();
}

void BackupsTest::unusableBackupFolderFailsClearly()
{
    Setup setup(rowDialect());
    // The backup folder is taken by a file (permissions would not stop a
    // test running as root).
    QVERIFY2(setup.prepare("[retort]\nbackup_folder = taken\n"), qPrintable(setup.why));
    setup.files.writeFile(u"taken"_s, "not a folder\n");
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;
    const QString before = setup.snapshot();
    const QStringList filesBefore = QDir(setup.files.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);

    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QVERIFY2(dialog.lastFailed(), "listing a folder that is a file says so");
    QTest::mouseClick(dialog.backUpButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY(dialog.lastFailed());
    QVERIFY2(
        dialog.resultText().contains(QDir(setup.files.path()).filePath(u"taken"_s)), qPrintable(dialog.resultText()));
    QVERIFY2(
        dialog.resultText().contains(u"the backup folder is a file, not a folder"_s), qPrintable(dialog.resultText()));
    QCOMPARE(setup.snapshot(), before);
    QCOMPARE(QDir(setup.files.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot), filesBefore);
    QFile taken(QDir(setup.files.path()).filePath(u"taken"_s));
    QVERIFY(taken.open(QIODevice::ReadOnly));
    QCOMPARE(taken.readAll(), QByteArray("not a folder\n"));
}

void BackupsTest::cancelWhileWaitingForAnotherRun()
{
    Setup setup(Dialect::PostgreSQL);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    const Project &project = setup.project;
    const ScratchDatabase &database = setup.database;

    // Another runner holds the lock: the backup waits for it, visibly.
    Executor other(project, database.settings(), {});
    QVERIFY(other.open().ok());

    BackupsDialog dialog(project, database.settings(), false);
    dialog.show();
    QTest::mouseClick(dialog.backUpButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&dialog] { return dialog.logText().contains(u"Waiting for another run"_s); }, 30000));
    QVERIFY(dialog.isBusy());
    // The window answers meanwhile: it repaints, and handles Cancel.
    QVERIFY(!dialog.grab().isNull());
    QVERIFY(dialog.cancelButton()->isEnabled());
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(dialog));
    QVERIFY(dialog.lastFailed());
    QVERIFY2(dialog.resultText().startsWith(u"Cancelled"_s), qPrintable(dialog.resultText()));
    QCOMPARE(backupFiles(project.backupFolder()), QStringList());
}

void BackupsTest::cancelStopsARunningPgDump()
{
    Setup setup(Dialect::PostgreSQL);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    // A pg_dump that takes its time before it starts dumping: the real one
    // behind a wrapper first on PATH.
    const QString real = QStandardPaths::findExecutable(u"pg_dump"_s);
    QVERIFY(!real.isEmpty());
    QTemporaryDir bin;
    const QString wrapper = bin.filePath(u"pg_dump"_s);
    QFile script(wrapper);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(
        u"#!/bin/sh\nif [ \"$1\" = --version ]; then exec %1 --version; fi\nsleep 120\nexec %1 \"$@\"\n"_s.arg(real)
            .toUtf8());
    script.close();
    QVERIFY(script.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QByteArray(QFile::encodeName(bin.path()) + ':' + path));
    const auto restorePath = qScopeGuard([&path] { qputenv("PATH", path); });

    BackupsDialog dialog(setup.project, setup.database.settings(), false);
    dialog.show();
    QTest::mouseClick(dialog.backUpButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&dialog] { return dialog.logText().contains(u"== Dumping "_s); }, 30000));
    QVERIFY(dialog.isBusy());
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    // Well before pg_dump would have finished.
    QVERIFY(QTest::qWaitFor([&dialog] { return !dialog.isBusy(); }, 30000));
    QVERIFY(dialog.lastFailed());
    QVERIFY2(dialog.resultText().startsWith(u"Cancelled"_s), qPrintable(dialog.resultText()));
    // Nothing kept, not even the partial file.
    QCOMPARE(backupFiles(setup.project.backupFolder()), QStringList());
    QCOMPARE(dialog.model()->rowCount(), 0);
}

void BackupsTest::backUpNowFromTheWindow()
{
    Setup setup(Dialect::SQLite);
    QVERIFY2(setup.prepare(), qPrintable(setup.why));
    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(setup.files.path()));
    window.show();
    // Nothing to back up without a database; the backups can still be seen.
    QVERIFY(!window.actions()->backUpNow->isEnabled());
    BackupsDialog *unconnected = window.showBackups();
    QVERIFY(unconnected->isVisible());
    QVERIFY(!unconnected->backUpButton()->isEnabled());
    QCOMPARE(unconnected->model()->rowCount(), 0);
    window.connectToDatabase(setup.database.settings());
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000));
    QVERIFY(window.actions()->backUpNow->isEnabled());
    QCOMPARE(window.actions()->backUpNow->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_B));

    window.actions()->backUpNow->trigger();
    auto *dialog = window.findChild<BackupsDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(waitUntilIdle(*dialog));
    QVERIFY2(!dialog->lastFailed(), qPrintable(dialog->resultText()));
    const QStringList made = backupFiles(setup.project.backupFolder());
    QCOMPARE(made.size(), 1);
    QVERIFY2(made.first().endsWith(u"-b2.sqlite"_s), qPrintable(made.first()));
    QCOMPARE(cell(*dialog, 0, BackupListModel::RevisionColumn), u"b2"_s);

    // A restore from the window: the status bar follows the database back.
    QVERIFY2(setup.upgrade({ u"c3"_s }, { u"b2"_s }), qPrintable(setup.why));
    window.actions()->refresh->trigger();
    QVERIFY(QTest::qWaitFor([&window] { return window.statusText().contains(u"At: c3"_s); }, 30000));
    dialog->restoreSelected();
    QVERIFY(waitUntilIdle(*dialog));
    QVERIFY(dialog->confirmation()->isVisible());
    dialog->confirmation()->backupFirstBox()->setChecked(false);
    QTest::mouseClick(dialog->confirmation()->restoreButton(), Qt::LeftButton);
    QVERIFY(waitUntilIdle(*dialog));
    QVERIFY2(!dialog->lastFailed(), qPrintable(dialog->resultText()));
    QVERIFY2(QTest::qWaitFor([&window] { return window.statusText().contains(u"At: b2"_s); }, 30000),
        qPrintable(window.statusText()));
    QCOMPARE(backupFiles(setup.project.backupFolder()).size(), 1); // no backup first, as asked
    QVERIFY(!userTables(setup.database.connect()->database(), Dialect::SQLite).contains(u"audit"_s));
}

QTEST_MAIN(BackupsTest)
#include "tst_backups.moc"
