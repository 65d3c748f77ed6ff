// The desktop's fleet view against the real server: the status table, an
// upgrade of every database N at a time and its rerun, a migration failing
// on one database while the others go on, an unreachable database, the
// production confirmation, a bad fleet file, and closing during a run —
// with the window answering all along.
#include "databaseactions.h"
#include "fleet/fleetconfirmation.h"
#include "fleet/fleetdialog.h"
#include "fleet/fleetlogpane.h"
#include "fleet/fleettablemodel.h"
#include "fleettestutil.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"
#include "project/projectloader.h"
#include "screenshots.h"
#include "windowactions.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kReadTimeoutMs = 60000;
constexpr int kRunTimeoutMs = 120000;

QString cell(const FleetTableModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

int rowOf(const FleetTableModel *model, const QString &name)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->database(row).name == name)
            return row;
    }
    return -1;
}

QStringList versionRows(const DatabaseSet &databases, int i)
{
    auto connection = databases.connect(i);
    if (!connection)
        return { u"<cannot connect>"_s };
    return column(connection->database(), u"SELECT version_num FROM alembic_version ORDER BY 1"_s);
}

// Clicks Upgrade All and, in the confirmation it opens, the run button.
bool confirmUpgrade(FleetDialog &dialog)
{
    if (!dialog.upgradeButton()->isEnabled())
        return false;
    QTest::mouseClick(dialog.upgradeButton(), Qt::LeftButton);
    FleetConfirmation *confirmation = dialog.confirmation();
    if (!confirmation || !confirmation->runButton()->isEnabled())
        return false;
    QTest::mouseClick(confirmation->runButton(), Qt::LeftButton);
    return dialog.isRunning();
}

} // namespace

class FleetDialogTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void statusShowsRevisionAndPending();
    void upgradesEveryDatabaseInParallelThenRerunIsUpToDate();
    void failureAndUnreachableDatabaseAreReportedOnTheirRows();
    void productionFleetWantsItsNameTyped();
    void badFleetFileIsNamed();
    void closingDuringARunCancelsIt();
    void alembicProjectRunsThroughAlembic();

private:
    QString writeFleet(const QString &name, const QString &text) const
    {
        return m_files.writeFile(name, text.toUtf8());
    }
    static bool waitRead(FleetDialog &dialog)
    {
        QSignalSpy read(&dialog, &FleetDialog::statusRead);
        return !dialog.isReading() || read.wait(kReadTimeoutMs);
    }
    // Runs, and waits for the run and the status read after it.
    static bool waitRun(FleetDialog &dialog)
    {
        QSignalSpy finished(&dialog, &FleetDialog::runFinished);
        QSignalSpy read(&dialog, &FleetDialog::statusRead);
        return (finished.count() > 0 || finished.wait(kRunTimeoutMs)) &&
            (read.count() > 0 || read.wait(kReadTimeoutMs));
    }

    TemporaryProject m_project; // r001..r003; r003 sleeps a little, so that a run takes a while
    TemporaryProject m_files; // fleet files, the passfile, profiles
};

void FleetDialogTest::initTestCase()
{
    QVERIFY2(postgresAvailable(), "run with ./dev test");
    QStandardPaths::setTestModeEnabled(true);
    writeLinearProject(m_project, 3);
    m_project.writeRevision(u"r003.sql"_s,
        revisionFile(u"r003"_s, u"r002"_s, u"SELECT pg_sleep(0.4);\nCREATE TABLE t003 (id integer PRIMARY KEY);"_s,
            u"DROP TABLE t003;"_s));
    // A fleet file never holds passwords: libpq reads them from here.
    const QString passFile = m_files.writeFile(u"pgpass"_s, {});
    DatabaseSet(0).writePassFile(passFile);
    qputenv("PGPASSFILE", passFile.toLocal8Bit());
}

void FleetDialogTest::statusShowsRevisionAndPending()
{
    DatabaseSet databases(3);
    QVERIFY(databases.isValid());
    QVERIFY(migrateTo(loadProject(m_project), databases.settings(1), u"r002"_s));
    const QString path = writeFleet(u"status.ini"_s,
        u"[database eu-1]\nurl = %1\ngroup = eu\n\n[database us-1]\nurl = %2\ngroup = us\n\n"
        "[database us-2]\nurl = %3\ngroup = us\n"_s.arg(
            databases.fleetUrl(1), databases.fleetUrl(2), databases.fleetUrl(3)));

    // From the window: Open Fleet needs a project, and remembers the file for it.
    MainWindow window;
    window.setInteractive(false);
    QVERIFY(!window.actions()->openFleet->isEnabled());
    QVERIFY2(window.actions()->openFleet->toolTip().contains(u"Open a project first"_s),
        qPrintable(window.actions()->openFleet->toolTip()));
    QVERIFY(window.openProject(m_project.path()));
    QVERIFY(window.actions()->openFleet->isEnabled());
    QPointer<FleetDialog> dialog = window.databaseActions()->openFleetFile(path);
    QCOMPARE(FleetDialog::lastFleetFile(window.project().directory), path);
    QVERIFY(QTest::qWaitForWindowExposed(dialog.data()));
    QVERIFY(waitRead(*dialog));

    const FleetTableModel *model = dialog->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(cell(model, 0, FleetTableModel::NameColumn), u"eu-1"_s);
    QCOMPARE(cell(model, 0, FleetTableModel::GroupColumn), u"eu"_s);
    QCOMPARE(cell(model, 0, FleetTableModel::RevisionColumn), u"r002"_s);
    QCOMPARE(cell(model, 0, FleetTableModel::PendingColumn), u"1"_s);
    QCOMPARE(cell(model, 0, FleetTableModel::ProgressColumn), u"behind"_s);
    QCOMPARE(cell(model, 2, FleetTableModel::RevisionColumn), u"base"_s);
    QCOMPARE(cell(model, 2, FleetTableModel::PendingColumn), u"3"_s);
    QVERIFY2(dialog->summary().contains(u"Towards heads, 3 databases: 3 behind (7 migrations pending)"_s),
        qPrintable(dialog->summary()));
    QVERIFY2(dialog->reportText().contains(QRegularExpression(u"\\nus-2\\s+us\\s+base\\s+3\\s+ok\\n"_s)),
        qPrintable(dialog->reportText()));

    // Another target counts towards it.
    dialog->targetEdit()->setText(u"r002"_s);
    QSignalSpy read(dialog.data(), &FleetDialog::statusRead);
    emit dialog->targetEdit()->editingFinished();
    QVERIFY(read.wait(kReadTimeoutMs));
    QCOMPARE(cell(model, 0, FleetTableModel::PendingColumn), u"0"_s);
    QCOMPARE(cell(model, 0, FleetTableModel::ProgressColumn), u"up to date"_s);
    QCOMPARE(cell(model, 1, FleetTableModel::PendingColumn), u"2"_s);
    // A target the project does not have runs nothing.
    dialog->targetEdit()->setText(u"nosuch"_s);
    QVERIFY(!dialog->upgradeButton()->isEnabled());
    QVERIFY2(dialog->upgradeButton()->toolTip().contains(u"nosuch"_s), qPrintable(dialog->upgradeButton()->toolTip()));

    // A double-click opens the database's log.
    QTableView *view = dialog->view();
    const QModelIndex second = view->model()->index(1, 0);
    const QPoint at = view->visualRect(second).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(dialog->logPane()->isVisible());
    QCOMPARE(dialog->logPane()->row(), 1);
    QVERIFY2(
        dialog->logPane()->text().contains(u"at base, 2 migrations pending"_s), qPrintable(dialog->logPane()->text()));

    // Escape closes it when nothing runs.
    QTest::keyClick(dialog.data(), Qt::Key_Escape);
    QTRY_VERIFY(!dialog);
}

void FleetDialogTest::upgradesEveryDatabaseInParallelThenRerunIsUpToDate()
{
    constexpr int kCount = 6;
    DatabaseSet databases(kCount);
    QVERIFY(databases.isValid());
    QVERIFY(migrateTo(loadProject(m_project), databases.settings(1), u"r001"_s));
    QString text;
    for (int i = 1; i <= kCount; ++i)
        text += u"[database db%1]\nurl = %2\ngroup = %3\n\n"_s.arg(i).arg(
            databases.fleetUrl(i), i <= 3 ? u"eu"_s : u"us"_s);
    const Project project = loadProject(m_project);
    FleetDialog dialog(project, writeFleet(u"fleet.ini"_s, text));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(waitRead(dialog));
    QCOMPARE(dialog.parallelBox()->value(), 4);
    dialog.parallelBox()->setValue(3);

    QTest::mouseClick(dialog.upgradeButton(), Qt::LeftButton);
    QVERIFY(dialog.confirmation());
    const QString asked = dialog.confirmation()->text();
    QVERIFY2(asked.contains(u"Upgrade 6 databases of fleet to heads, 3 at a time."_s), qPrintable(asked));
    QVERIFY2(asked.contains(u"Pending by the last status read: 17 migrations on 6 databases."_s), qPrintable(asked));
    QVERIFY(!dialog.confirmation()->needsName());

    // A timer the window must keep answering while the databases migrate.
    int ticksWhileRunning = 0;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] { ticksWhileRunning += dialog.isRunning() ? 1 : 0; });
    timer.start();
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(dialog.confirmation()->runButton(), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.upgradeButton()->isEnabled());
    QVERIFY(dialog.cancelButton()->isEnabled());
    qint64 firedAfter = -1;
    QTimer::singleShot(100, &dialog, [&] { firedAfter = clock.elapsed(); });
    QTRY_VERIFY_WITH_TIMEOUT(firedAfter >= 0, 5000);
    QVERIFY2(firedAfter < 2000, qPrintable(QString::number(firedAfter)));
    // Rows show the run while it goes.
    QTRY_VERIFY_WITH_TIMEOUT(
        cell(dialog.model(), 0, FleetTableModel::ProgressColumn).contains(u"r00"_s) || !dialog.isRunning(), 30000);
    QVERIFY(waitRun(dialog));
    const qint64 runMs = clock.elapsed();
    timer.stop();
    qInfo("run: %lld ms, timer ticks while running: %d, table refreshes: %d", runMs, ticksWhileRunning,
        dialog.model()->flushCount());
    QVERIFY2(ticksWhileRunning >= 3, qPrintable(QString::number(ticksWhileRunning)));
    // The runner's many reports reach the table coalesced, at most every 100 ms.
    QVERIFY(dialog.model()->flushCount() > 0);
    QVERIFY2(
        dialog.model()->flushCount() <= runMs / 100 + 2, qPrintable(QString::number(dialog.model()->flushCount())));

    for (int row = 0; row < kCount; ++row) {
        QCOMPARE(cell(dialog.model(), row, FleetTableModel::ProgressColumn), u"upgraded"_s);
        QCOMPARE(cell(dialog.model(), row, FleetTableModel::RevisionColumn), u"r003"_s);
        QCOMPARE(cell(dialog.model(), row, FleetTableModel::PendingColumn), u"0"_s);
        QCOMPARE(versionRows(databases, row + 1), QStringList { u"r003"_s });
    }
    QVERIFY2(dialog.summary().contains(u"6 databases: 6 upgraded"_s), qPrintable(dialog.summary()));
    QVERIFY2(dialog.reportText().contains(QRegularExpression(u"\\ndb1\\s+eu\\s+r001 → r003\\s+.*upgraded\\n"_s)),
        qPrintable(dialog.reportText()));
    dialog.showLog(0);
    QVERIFY2(dialog.logPane()->text().contains(u"r003 done in"_s), qPrintable(dialog.logPane()->text()));

    // A rerun runs nothing.
    QVERIFY(confirmUpgrade(dialog));
    QVERIFY(waitRun(dialog));
    for (int row = 0; row < kCount; ++row)
        QCOMPARE(cell(dialog.model(), row, FleetTableModel::ProgressColumn), u"up to date"_s);
    QVERIFY2(dialog.summary().contains(u"6 databases: 6 up to date"_s), qPrintable(dialog.summary()));

    const QString json = m_files.path() + u"/report.json"_s;
    QVERIFY(dialog.saveReport(json));
    QFile saved(json);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("\"outcome\": \"up-to-date\""));
}

void FleetDialogTest::failureAndUnreachableDatabaseAreReportedOnTheirRows()
{
    DatabaseSet databases(4);
    QVERIFY(databases.isValid());
    {
        // r002 creates t002: here it is in the way.
        auto failing = databases.connect(3);
        column(failing->database(), u"CREATE TABLE t002 (x int)"_s);
    }
    const QString path = writeFleet(u"mixed.ini"_s,
        u"[database ok-1]\nurl = %1\ngroup = eu\n\n[database ok-2]\nurl = %2\ngroup = eu\n\n"
        "[database failing]\nurl = %3\ngroup = us\n\n"
        "[database nobody-home]\nurl = postgresql://retort@127.0.0.1:1/none\ngroup = us\n\n"
        "[database ok-3]\nurl = %4\ngroup = us\n"_s.arg(
            databases.fleetUrl(1), databases.fleetUrl(2), databases.fleetUrl(3), databases.fleetUrl(4)));
    const Project project = loadProject(m_project);
    FleetDialog dialog(project, path);
    dialog.resize(1200, 560);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(waitRead(dialog));
    const FleetTableModel *model = dialog.model();
    const int nobody = rowOf(model, u"nobody-home"_s);
    const int failing = rowOf(model, u"failing"_s);
    QCOMPARE(cell(model, nobody, FleetTableModel::ProgressColumn), u"unreachable"_s);
    QVERIFY2(cell(model, nobody, FleetTableModel::ErrorColumn).contains(u"cannot connect to retort@127.0.0.1:1/none"_s),
        qPrintable(cell(model, nobody, FleetTableModel::ErrorColumn)));
    QCOMPARE(cell(model, failing, FleetTableModel::PendingColumn), u"3"_s);
    QVERIFY2(dialog.summary().contains(u"1 unreachable"_s), qPrintable(dialog.summary()));

    dialog.continueButton()->setChecked(true);
    dialog.parallelBox()->setValue(2);
    QTest::mouseClick(dialog.upgradeButton(), Qt::LeftButton);
    QVERIFY(dialog.confirmation());
    QVERIFY2(dialog.confirmation()->text().contains(u"Not read by the last status read: 1 database;"_s),
        qPrintable(dialog.confirmation()->text()));
    QVERIFY2(dialog.confirmation()->text().contains(u"After a failure the other databases go on."_s),
        qPrintable(dialog.confirmation()->text()));
    QTest::mouseClick(dialog.confirmation()->runButton(), Qt::LeftButton);
    QVERIFY(waitRun(dialog));

    for (const QString &name : { u"ok-1"_s, u"ok-2"_s, u"ok-3"_s })
        QCOMPARE(cell(model, rowOf(model, name), FleetTableModel::ProgressColumn), u"upgraded"_s);
    for (int i : { 1, 2, 4 })
        QCOMPARE(versionRows(databases, i), QStringList { u"r003"_s });
    QCOMPARE(cell(model, failing, FleetTableModel::ProgressColumn), u"FAILED"_s);
    const QString error = cell(model, failing, FleetTableModel::ErrorColumn);
    QVERIFY2(error.contains(u"r002.sql:"_s) && error.contains(u"SQLSTATE 42P07"_s), qPrintable(error));
    // At its last completed revision, r002 rolled back whole.
    QCOMPARE(versionRows(databases, 3), QStringList { u"r001"_s });
    QCOMPARE(cell(model, failing, FleetTableModel::RevisionColumn), u"r001"_s);
    QCOMPARE(cell(model, failing, FleetTableModel::PendingColumn), u"2"_s);
    QCOMPARE(cell(model, nobody, FleetTableModel::ProgressColumn), u"FAILED"_s);
    QVERIFY2(cell(model, nobody, FleetTableModel::ErrorColumn).contains(u"cannot connect"_s),
        qPrintable(cell(model, nobody, FleetTableModel::ErrorColumn)));
    QVERIFY2(dialog.summary().contains(u"5 databases: 3 upgraded, 2 failed"_s), qPrintable(dialog.summary()));

    // The failed database's log has the server's message.
    dialog.view()->setCurrentIndex(dialog.view()->model()->index(failing, 0));
    QTest::mouseClick(dialog.showLogButton(), Qt::LeftButton);
    QCOMPARE(dialog.logPane()->row(), failing);
    const QString log = dialog.logPane()->text();
    QVERIFY2(log.contains(u"relation \"t002\" already exists"_s), qPrintable(log));
    QVERIFY2(log.contains(u"r001 done in"_s), qPrintable(log));
    QTRY_VERIFY(dialog.logPane()->width() > dialog.width() / 4); // laid out beside the table
    QVERIFY(saveScreenshot(&dialog, u"fleet"_s));
}

void FleetDialogTest::productionFleetWantsItsNameTyped()
{
    DatabaseSet databases(2);
    QVERIFY(databases.isValid());
    const QString profiles = m_files.path() + u"/profiles.conf"_s;
    ConnectionProfile profile;
    profile.name = u"eu-production"_s;
    profile.connection = databases.settings(1);
    profile.production = true;
    QVERIFY(ProfileStore(profiles).save(profile));
    const QString path = writeFleet(u"prodfleet.ini"_s,
        u"[database eu]\nprofile = eu-production\n\n[database staging]\nurl = %1\n"_s.arg(databases.fleetUrl(2)));
    const Project project = loadProject(m_project);
    FleetDialog dialog(project, path, nullptr, profiles);
    dialog.show();
    QVERIFY(waitRead(dialog));
    QVERIFY(dialog.model()->database(0).production);
    QVERIFY(!dialog.model()->database(1).production);

    QTest::mouseClick(dialog.upgradeButton(), Qt::LeftButton);
    QPointer<FleetConfirmation> confirmation = dialog.confirmation();
    QVERIFY(confirmation);
    QVERIFY(confirmation->needsName());
    QVERIFY2(confirmation->text().contains(u"Marked production: eu."_s), qPrintable(confirmation->text()));
    QVERIFY2(confirmation->text().contains(u"Type the fleet's name, prodfleet, to confirm"_s),
        qPrintable(confirmation->text()));
    QVERIFY(!confirmation->runButton()->isEnabled());
    QTest::keyClicks(confirmation->nameEdit(), u"eu"_s);
    QVERIFY(!confirmation->runButton()->isEnabled());
    QVERIFY(saveScreenshot(confirmation, u"fleet-confirm"_s));
    confirmation->nameEdit()->setText(u"prodfleet"_s);
    QVERIFY(confirmation->runButton()->isEnabled());
    confirmation->reject();
    QTRY_VERIFY(!confirmation);
    QVERIFY(!dialog.isRunning());
    QCOMPARE(versionRows(databases, 1), QStringList()); // nothing ran

    // A project marked production makes every database of its fleets one.
    Project productionProject = project;
    productionProject.settings.production = true;
    FleetDialog second(
        productionProject, writeFleet(u"plain.ini"_s, u"[database staging]\nurl = %1\n"_s.arg(databases.fleetUrl(2))));
    second.show();
    QVERIFY(waitRead(second));
    QTest::mouseClick(second.upgradeButton(), Qt::LeftButton);
    QVERIFY(second.confirmation());
    QVERIFY(second.confirmation()->needsName());
    QVERIFY(!second.confirmation()->runButton()->isEnabled());
    second.confirmation()->reject();
}

void FleetDialogTest::badFleetFileIsNamed()
{
    const Project project = loadProject(m_project);
    FleetDialog dialog(
        project, writeFleet(u"bad.ini"_s, u"[database a]\nurl = postgresql://u:secret@h/db\ngroup = x\n"_s));
    QVERIFY(waitRead(dialog));
    QVERIFY2(
        dialog.summary().contains(u"bad.ini:2: a fleet file never holds passwords"_s), qPrintable(dialog.summary()));
    QVERIFY(!dialog.summary().contains(u"secret"_s));
    QCOMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!dialog.upgradeButton()->isEnabled());
    QVERIFY(dialog.refreshButton()->isEnabled());
}

void FleetDialogTest::closingDuringARunCancelsIt()
{
    TemporaryProject slow;
    slow.writeRevision(u"s1.sql"_s, revisionFile(u"s1"_s, {}, u"CREATE TABLE s1 (id int);"_s, u"DROP TABLE s1;"_s));
    slow.writeRevision(u"s2.sql"_s,
        revisionFile(u"s2"_s, u"s1"_s, u"CREATE TABLE s2 (id int);\nSELECT pg_sleep(60);"_s, u"DROP TABLE s2;"_s));
    DatabaseSet databases(2);
    QVERIFY(databases.isValid());
    const Project project = loadProject(slow);
    auto *dialog = new FleetDialog(project,
        writeFleet(u"slow.ini"_s,
            u"[database a]\nurl = %1\n\n[database b]\nurl = %2\n"_s.arg(databases.fleetUrl(1), databases.fleetUrl(2))));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<FleetDialog> guard(dialog);
    dialog->show();
    QVERIFY(waitRead(*dialog));
    QVERIFY(confirmUpgrade(*dialog));
    QTRY_VERIFY_WITH_TIMEOUT(cell(dialog->model(), 1, FleetTableModel::ProgressColumn) == u"1/2 s2"_s, 30000);

    // Escape does not walk away from a run.
    QTest::keyClick(dialog, Qt::Key_Escape);
    QVERIFY(guard && dialog->isVisible() && dialog->isRunning());
    // Closing asks; the answer cancels, and the dialog closes once stopped.
    QElapsedTimer clock;
    clock.start();
    dialog->close();
    QVERIFY(guard);
    QMessageBox *question = dialog->findChild<QMessageBox *>(u"fleetCloseQuestion"_s);
    QVERIFY(question);
    QAbstractButton *stop = nullptr;
    for (QAbstractButton *button : question->buttons()) {
        if (button->text() == u"Cancel Run and Close"_s)
            stop = button;
    }
    QVERIFY(stop);
    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!guard, 30000);
    QVERIFY2(clock.elapsed() < 30000, qPrintable(QString::number(clock.elapsed())));
    for (int i : { 1, 2 })
        QCOMPARE(versionRows(databases, i), QStringList { u"s1"_s });
}

// The same window on an Alembic project: every database upgraded by
// Alembic (its own log lines in each database's log), at the same target.
void FleetDialogTest::alembicProjectRunsThroughAlembic()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(u"app"_s);
    const QString made = writeAlembicCopy(m_project.path(), path, true);
    QVERIFY2(made.isEmpty(), qPrintable(made));
    const Result<Project> project = ProjectLoader::load(path);
    QVERIFY2(project, qPrintable(project ? QString() : project.error().toString()));
    QCOMPARE(project->kind, ProjectKind::Alembic);
    DatabaseSet databases(2);
    QVERIFY(databases.isValid());
    FleetDialog dialog(*project,
        writeFleet(u"alembic.ini"_s,
            u"[database one]\nurl = %1\n\n[database two]\nurl = %2\n"_s.arg(
                databases.fleetUrl(1), databases.fleetUrl(2))));
    dialog.show();
    QVERIFY(waitRead(dialog));
    QCOMPARE(cell(dialog.model(), 0, FleetTableModel::PendingColumn), u"3"_s);

    QVERIFY(confirmUpgrade(dialog));
    QVERIFY(waitRun(dialog));
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(cell(dialog.model(), row, FleetTableModel::ProgressColumn), u"upgraded"_s);
        QCOMPARE(versionRows(databases, row + 1), QStringList { u"r003"_s });
    }
    // Alembic ran it, and each of its steps is in the log as a native one's.
    dialog.showLog(1);
    const QString log = dialog.logPane()->text();
    QVERIFY2(log.contains(u"Running Alembic with Python"_s), qPrintable(log));
    QVERIFY2(log.contains(u"[alembic.runtime.migration] Context impl PostgresqlImpl"_s), qPrintable(log));
    QVERIFY2(log.contains(u"running r002"_s) && log.contains(u"r003 done in"_s), qPrintable(log));
}

QTEST_MAIN(FleetDialogTest)
#include "tst_fleetdialog.moc"
