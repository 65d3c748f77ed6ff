#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "graph/planner.h"
#include "mainwindow.h"
#include "review/planstepmodel.h"
#include "run/rundialog.h"
#include "schema/schematab.h"
#include "screenshots.h"
#include "settings/appearance.h"
#include "windowactions.h"

#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Retort;
using namespace Retort::Test;

namespace {

constexpr int kPlanTimeoutMs = 30000;
constexpr int kRunTimeoutMs = 120000;

// accounts, then orders, then whatever `third` upgrades with (line 7 of its file).
void writeProject(const TemporaryProject &project, const QString &third = {})
{
    project.writeRevision(QStringLiteral("r1.sql"),
        revisionFile(QStringLiteral("r1"), {}, QStringLiteral("CREATE TABLE accounts (id int PRIMARY KEY, name text);"),
            QStringLiteral("DROP TABLE accounts;")));
    project.writeRevision(QStringLiteral("r2.sql"),
        revisionFile(QStringLiteral("r2"), QStringLiteral("r1"),
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, account int REFERENCES accounts);"),
            QStringLiteral("DROP TABLE orders;")));
    if (!third.isEmpty()) {
        project.writeRevision(QStringLiteral("r3.sql"),
            revisionFile(QStringLiteral("r3"), QStringLiteral("r2"), third, QStringLiteral("DROP TABLE r3_table;")));
    }
}

QStringList versionRows(const ConnectionSettings &settings)
{
    Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings);
    if (!connection)
        return { connection.error().toString() };
    QSqlQuery query((*connection)->database());
    QStringList rows;
    if (!query.exec(QStringLiteral("SELECT version_num FROM alembic_version ORDER BY 1")))
        return { QStringLiteral("<no version table>") };
    while (query.next())
        rows.append(query.value(0).toString());
    return rows;
}

bool tableExists(const ConnectionSettings &settings, const QString &table)
{
    Result<std::unique_ptr<DatabaseConnection>> connection = DatabaseConnection::open(settings);
    if (!connection)
        return false;
    QSqlQuery query((*connection)->database());
    query.prepare(settings.dialect == Dialect::SQLite
            ? QStringLiteral("SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?")
            : QStringLiteral("SELECT to_regclass(?) IS NOT NULL"));
    query.addBindValue(table);
    return query.exec() && query.next() && query.value(0).toBool();
}

bool waitPlanned(RunDialog &dialog)
{
    return QTest::qWaitFor([&dialog] { return dialog.isPlanned(); }, kPlanTimeoutMs);
}

bool runAndWait(RunDialog &dialog)
{
    QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
    return QTest::qWaitFor([&dialog] { return dialog.hasFinished(); }, kRunTimeoutMs);
}

} // namespace

class RunDialogTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void upgradeRunsThePlan();
    void downgradeBacksUpFirst_data();
    void downgradeBacksUpFirst();
    void downgradeStopsWithoutAVerifiedBackup();
    void refusesADatabaseThatMovedSinceThePlan();
    void warnsAboutOutsideTransactionsAndHeads();
    void failingMigrationShowsTheStatement();
    void cancelDuringALongStatement();
    void productionNeedsTheNameTyped();
    void stampWritesOnlyTheVersionTable();
    void alembicProjectRunsThroughAlembic();
    void alembicPlanShowsAlembicsSqlAndTransactions();
    void windowRunsFromTheGraphAndRefreshes();
};

void RunDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString why;
    if (!postgresAvailable(&why))
        QSKIP(qPrintable(why));
    Appearance::instance().setColorScheme(Appearance::ColorScheme::Light);
}

void RunDialogTest::upgradeRunsThePlan()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    const Project project = loadProject(files);

    RunDialog dialog(project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("r2"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 2);
    QCOMPARE(dialog.steps()->index(0, PlanStepModel::RevisionColumn).data().toString(), QStringLiteral("r1"));
    QCOMPARE(dialog.steps()->index(1, PlanStepModel::RevisionColumn).data().toString(), QStringLiteral("r2"));
    QVERIFY(!dialog.backupBox()->isChecked()); // upgrades of non-production databases: off by default
    QVERIFY(dialog.runButton()->isEnabled());
    QVERIFY(dialog.editor()->text().contains(QLatin1String("CREATE TABLE accounts")));
    saveScreenshot(&dialog, QStringLiteral("run-upgrade-plan"));
    // Beside the SQL, what it does to the schema, replayed in the shadow
    // (the test server) once looked at; the target is not touched by it.
    ShadowOptions shadow;
    shadow.configuredUrl = qEnvironmentVariable("RETORT_TEST_PG_URL");
    dialog.setShadowOptions(shadow);
    QVERIFY(!dialog.schemaTab()->isBusy());
    QSignalSpy replayed(dialog.schemaTab(), &SchemaTab::replayFinished);
    dialog.lowerTabs()->setCurrentWidget(dialog.schemaTab());
    QVERIFY(replayed.wait(60000));
    QVERIFY2(dialog.schemaTab()->status().contains(QLatin1String("schema change")),
        qPrintable(dialog.schemaTab()->status()));
    QVERIFY(!tableExists(database.settings(), QStringLiteral("accounts")));

    QVERIFY(runAndWait(dialog));
    QVERIFY(dialog.result()->report.ok());
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(tableExists(database.settings(), QStringLiteral("accounts")));
    QVERIFY(tableExists(database.settings(), QStringLiteral("orders")));
    for (int row = 0; row < 2; ++row)
        QCOMPARE(dialog.steps()->stepState(row), PlanStepModel::StepState::Done);
    QVERIFY2(dialog.summary().contains(QLatin1String("Done: 2 migrations")), qPrintable(dialog.summary()));
    QVERIFY(dialog.log()->toPlainText().contains(QLatin1String("upgrade r1 -> r2")));
    QCOMPARE(dialog.cancelButton()->text().remove(QLatin1Char('&')), QStringLiteral("Close"));
    saveScreenshot(&dialog, QStringLiteral("run-upgrade-done"));
}

void RunDialogTest::downgradeBacksUpFirst_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("postgresql-pg_dump") << QStringLiteral("postgresql");
    QTest::newRow("sqlite-file-copy") << QStringLiteral("sqlite");
}

void RunDialogTest::downgradeBacksUpFirst()
{
    QFETCH(QString, dialect);
    ScratchDatabase database(dialectFromName(dialect));
    QVERIFY(database.isValid());
    TemporaryProject files;
    writeProject(files);
    const Project project = loadProject(files);
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("r2")));

    RunDialog dialog(project, database.settings(), false, ReviewMode::Downgrade, QStringLiteral("r1"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 1);
    QVERIFY(dialog.backupBox()->isChecked()); // on by default for a downgrade
    QVERIFY2(dialog.warnings().contains(QLatin1String("drops table orders")), qPrintable(dialog.warnings()));

    QVERIFY(runAndWait(dialog));
    const RunResult &result = *dialog.result();
    QVERIFY2(result.report.ok(), qPrintable(dialog.summary()));
    QVERIFY(result.backup.has_value());
    const QFileInfo backup(result.backup->path);
    QVERIFY(backup.exists());
    QVERIFY(backup.size() > 0);
    QCOMPARE(backup.absolutePath(), QFileInfo(project.backupFolder()).absoluteFilePath());
    QCOMPARE(backup.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
        QFile::Permissions());
    QCOMPARE(result.backup->versionRows, QStringList { QStringLiteral("r2") }); // taken before the downgrade
    QVERIFY(result.backup->entries > 0); // read back in full (pg_restore; SQLite's integrity check)
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r1") });
    QVERIFY(!tableExists(database.settings(), QStringLiteral("orders")));
    QVERIFY(tableExists(database.settings(), QStringLiteral("accounts")));
    QVERIFY(dialog.summary().contains(result.backup->path));
    saveScreenshot(&dialog, QStringLiteral("run-downgrade-done-%1").arg(dialect));
}

void RunDialogTest::downgradeStopsWithoutAVerifiedBackup()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    // The backup folder cannot be made: a file stands where it should be.
    files.writeFile(QStringLiteral("blocked"), "not a folder\n");
    files.writeFile(QStringLiteral("retort.ini"), "[retort]\nbackup_folder = blocked/backups\n");
    const Project project = loadProject(files);
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("r2")));

    RunDialog dialog(project, database.settings(), false, ReviewMode::Downgrade, QStringLiteral("r1"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QVERIFY(dialog.backupBox()->isChecked());
    QVERIFY(runAndWait(dialog));
    const RunResult &result = *dialog.result();
    QCOMPARE(result.report.outcome, ExecutionReport::Outcome::Failed);
    QVERIFY(!result.backup.has_value());
    QCOMPARE(result.report.failure->step, -1);
    QCOMPARE(dialog.steps()->stepState(0), PlanStepModel::StepState::NotRun);
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(tableExists(database.settings(), QStringLiteral("orders")));
    QVERIFY2(dialog.summary().contains(QLatin1String("nothing ran, since the backup before it failed")),
        qPrintable(dialog.summary()));
}

void RunDialogTest::refusesADatabaseThatMovedSinceThePlan()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    const Project project = loadProject(files);

    RunDialog dialog(project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("r2"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 2);
    // Someone else upgrades it meanwhile: the confirmed plan no longer holds.
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("r1")));
    QVERIFY(runAndWait(dialog));
    QCOMPARE(dialog.result()->report.outcome, ExecutionReport::Outcome::Failed);
    QVERIFY2(dialog.summary().contains(QLatin1String("changed since the plan was shown: it is now at r1")),
        qPrintable(dialog.summary()));
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r1") });
    QVERIFY(!tableExists(database.settings(), QStringLiteral("orders")));
}

void RunDialogTest::warnsAboutOutsideTransactionsAndHeads()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    files.writeRevision(QStringLiteral("r2b.sql"),
        revisionFile(QStringLiteral("r2b"), QStringLiteral("r1"),
            QStringLiteral("CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);"),
            QStringLiteral("DROP INDEX CONCURRENTLY accounts_name;"), QStringLiteral("-- transactional: false")));
    const Project project = loadProject(files);

    RunDialog dialog(project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("heads"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 3);
    const QString warnings = dialog.warnings();
    QVERIFY2(warnings.contains(QLatin1String("r2b (r2b.sql) runs outside a transaction")), qPrintable(warnings));
    QVERIFY2(warnings.contains(QLatin1String("The project has 2 heads (r2, r2b)")), qPrintable(warnings));
    QVERIFY(!warnings.contains(QLatin1String("r2 (r2.sql) runs outside")));
    QVERIFY(dialog.runButton()->isEnabled());
    saveScreenshot(&dialog, QStringLiteral("run-warnings"));
}

void RunDialogTest::failingMigrationShowsTheStatement()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files, QStringLiteral("CREATE TABLE r3_table (id int);\nINSERT INTO missing_table VALUES (1);"));
    const Project project = loadProject(files);

    RunDialog dialog(project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("r3"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 3);
    QVERIFY(runAndWait(dialog));

    const RunResult &result = *dialog.result();
    QCOMPARE(result.report.outcome, ExecutionReport::Outcome::Failed);
    QCOMPARE(result.report.failure->step, 2);
    // The database stays at the last good revision; nothing of r3 is kept.
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(!tableExists(database.settings(), QStringLiteral("r3_table")));
    QCOMPARE(dialog.steps()->stepState(1), PlanStepModel::StepState::Done);
    QCOMPARE(dialog.steps()->stepState(2), PlanStepModel::StepState::Failed);

    // The failing statement, in the editor at its line (7 of r3.sql), with
    // the server's message and SQLSTATE under it.
    constexpr int failingLine = 7;
    QCOMPARE(result.report.failure->error.line, failingLine);
    SqlEditor *editor = dialog.editor();
    QVERIFY(editor->text(failingLine - 1).startsWith(QLatin1String("INSERT INTO missing_table")));
    int line = -1;
    int column = -1;
    editor->getCursorPosition(&line, &column);
    QCOMPARE(line, failingLine - 1);
    const QString message = editor->lineMessage(failingLine - 1);
    QVERIFY2(message.contains(QLatin1String("\"missing_table\" does not exist")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("42P01")), qPrintable(message));
    QVERIFY2(dialog.summary().contains(QLatin1String("r3.sql:7")), qPrintable(dialog.summary()));
    QVERIFY(dialog.summary().contains(QLatin1String("The database is at r2.")));
    saveScreenshot(&dialog, QStringLiteral("run-failure"));
}

void RunDialogTest::cancelDuringALongStatement()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files, QStringLiteral("CREATE TABLE r3_table (id int);\nSELECT pg_sleep(30);"));
    const Project project = loadProject(files);

    RunDialog dialog(project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("r3"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(dialog.progressText().contains(QLatin1String("statement 2 of 2")), kRunTimeoutMs);

    // The window lives while the server sleeps: a timer fires on time, and
    // the dialog paints.
    QElapsedTimer clock;
    clock.start();
    qint64 firedAfter = -1;
    QTimer::singleShot(100, &dialog, [&] { firedAfter = clock.elapsed(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedAfter >= 0, 5000);
    QVERIFY2(firedAfter < 2000, qPrintable(QString::number(firedAfter)));
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.grab().isNull());
    saveScreenshot(&dialog, QStringLiteral("run-in-progress"));

    // Cancel stops the statement through the server, long before its 30 seconds.
    clock.restart();
    QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.hasFinished(), 25000);
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(dialog.result()->report.outcome, ExecutionReport::Outcome::Cancelled);
    QCOMPARE(dialog.steps()->stepState(2), PlanStepModel::StepState::Cancelled);
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(!tableExists(database.settings(), QStringLiteral("r3_table"))); // rolled back with its migration
    QVERIFY2(dialog.summary().startsWith(QLatin1String("Cancelled")), qPrintable(dialog.summary()));
}

void RunDialogTest::productionNeedsTheNameTyped()
{
    Appearance::instance().setColorScheme(Appearance::ColorScheme::Dark);
    const auto light = qScopeGuard([] { Appearance::instance().setColorScheme(Appearance::ColorScheme::Light); });
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    const Project project = loadProject(files);
    const QString name = database.settings().database;

    RunDialog dialog(project, database.settings(), true, ReviewMode::Upgrade, QStringLiteral("r1"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QVERIFY(dialog.confirmationEdit()->isVisible());
    QVERIFY(dialog.backupBox()->isChecked()); // production always backs up first
    QVERIFY(!dialog.backupBox()->isEnabled());
    QVERIFY(!dialog.runButton()->isEnabled());

    QTest::keyClicks(dialog.confirmationEdit(), name.left(name.size() - 1));
    QVERIFY(!dialog.runButton()->isEnabled());
    QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!tableExists(database.settings(), QStringLiteral("alembic_version"))); // nothing ran
    QTest::keyClicks(dialog.confirmationEdit(), QStringLiteral("x"));
    QVERIFY(!dialog.runButton()->isEnabled());
    saveScreenshot(&dialog, QStringLiteral("run-production-confirm"));

    dialog.confirmationEdit()->clear();
    QTest::keyClicks(dialog.confirmationEdit(), name);
    QVERIFY(dialog.runButton()->isEnabled());
    QVERIFY(runAndWait(dialog));
    QVERIFY2(dialog.result()->report.ok(), qPrintable(dialog.summary()));
    QVERIFY(dialog.result()->backup.has_value());
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r1") });
}

void RunDialogTest::stampWritesOnlyTheVersionTable()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files);
    const Project project = loadProject(files);
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("r1")));

    RunDialog dialog(project, database.settings(), false, ReviewMode::Stamp, QStringLiteral("r2"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QVERIFY(dialog.warnings().contains(QLatin1String("1 revision will count as applied")));
    QVERIFY(runAndWait(dialog));
    QVERIFY2(dialog.result()->report.ok(), qPrintable(dialog.summary()));
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(!tableExists(database.settings(), QStringLiteral("orders")));
}

void RunDialogTest::alembicProjectRunsThroughAlembic()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject native;
    writeProject(native);
    QTemporaryDir alembicDir;
    const QString made = writeAlembicCopy(native.path(), alembicDir.path(), true);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    Result<Project> project = ProjectLoader::load(alembicDir.path());
    QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
    QCOMPARE(project->kind, ProjectKind::Alembic);

    RunDialog dialog(*project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("heads"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 2);
    // The SQL Alembic writes for the step, as native SQL is shown.
    QCOMPARE(dialog.editor()->language(), QStringLiteral("SQL (PostgreSQL)"));
    QVERIFY2(dialog.editor()->text().contains(QLatin1String("-- Running upgrade  -> r1")),
        qPrintable(dialog.editor()->text()));
    QVERIFY(runAndWait(dialog));
    QVERIFY2(dialog.result()->report.ok(), qPrintable(dialog.summary()));
    QCOMPARE(versionRows(database.settings()), QStringList { QStringLiteral("r2") });
    QVERIFY(tableExists(database.settings(), QStringLiteral("orders")));
    // Alembic's own account of what it ran, in the live log.
    QVERIFY2(dialog.log()->toPlainText().contains(QLatin1String("Running upgrade r1 -> r2, step r2")),
        qPrintable(dialog.log()->toPlainText()));
}

void RunDialogTest::alembicPlanShowsAlembicsSqlAndTransactions()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("app"));
    const ProcessResult made = runProcess(
        QStringLiteral("python3"), { Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), path });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    Result<Project> project = ProjectLoader::load(path);
    QVERIFY(project);

    RunDialog dialog(*project, database.settings(), false, ReviewMode::Upgrade, QStringLiteral("heads"));
    dialog.show();
    QVERIFY(waitPlanned(dialog));
    QCOMPARE(dialog.steps()->rowCount(), 7);
    // Alembic's default env.py: one transaction for the whole run.
    QVERIFY2(dialog.summary().contains(QLatin1String("all 7 steps in one transaction")), qPrintable(dialog.summary()));
    QCOMPARE(dialog.editor()->language(), QStringLiteral("SQL (PostgreSQL)"));
    QVERIFY2(
        dialog.editor()->text().contains(QLatin1String("CREATE TABLE users (")), qPrintable(dialog.editor()->text()));
    const QString warnings = dialog.warnings();
    QVERIFY2(warnings.contains(QLatin1String("op.get_bind()")), qPrintable(warnings));
    for (int row = 0; row < dialog.steps()->rowCount(); ++row) {
        const QString id = dialog.steps()->index(row, 0).data(PlanStepModel::RevisionIdRole).toString();
        const QString transactional = dialog.steps()->index(row, PlanStepModel::TransactionColumn).data().toString();
        QCOMPARE(transactional, id == QLatin1String("4a0c0ffee004") ? QStringLiteral("no") : QStringLiteral("yes"));
    }
    saveScreenshot(&dialog, QStringLiteral("run-alembic-sql"));
}

void RunDialogTest::windowRunsFromTheGraphAndRefreshes()
{
    ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    TemporaryProject files;
    writeProject(files, QStringLiteral("CREATE TABLE r3_table (id int);\nINSERT INTO missing_table VALUES (1);"));
    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(files.path()));
    window.connectToDatabase(database.settings());
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QLatin1String("At: base")), kPlanTimeoutMs);
    QVERIFY(window.selectRevision(QStringLiteral("r3")));

    window.actions()->upgradeToHere->trigger();
    RunDialog *dialog = window.findChild<RunDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), ReviewMode::Upgrade);
    QVERIFY(waitPlanned(*dialog));
    QVERIFY(runAndWait(*dialog));
    QCOMPARE(dialog->result()->report.outcome, ExecutionReport::Outcome::Failed);
    // The graph follows: the database now stands at r2.
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QLatin1String("At: r2")), kPlanTimeoutMs);
    QVERIFY(window.statusText().contains(QLatin1String("1 pending")));
}

QTEST_MAIN(RunDialogTest)
#include "tst_rundialog.moc"
