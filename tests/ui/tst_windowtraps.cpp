// No traps in the window: the editor's own key bindings never take a
// window shortcut, commands that cannot apply are disabled and say why,
// the graph and the status bar claim no more than is known, and Escape
// closes the dialogs that have Cancel.

#include "backup/backupsdialog.h"
#include "db/databasecontroller.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"
#include "review/reviewpage.h"
#include "run/rundialog.h"
#include "settings/preferencesdialog.h"
#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>

using namespace Retort;
using Retort::Test::migrateTo;

namespace {

bool waitUntilIdle(const MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000);
}

QString keyText(int key)
{
    return QKeySequence(QKeyCombination::fromCombined(key)).toString();
}

// A window on the demo project, optionally with a SQLite database at `at`
// ("" for an empty one; no database when `connect` is false).
struct DemoWindow {
    Test::ScratchDatabase database { Dialect::SQLite };
    Project project = *ProjectLoader::load(Test::demoProjectDirectory());
    MainWindow window;

    bool open(bool connect, const QStringList &at = {})
    {
        window.setInteractive(false);
        for (const QString &revision : at) {
            if (!migrateTo(project, database.settings(), revision))
                return false;
        }
        if (!window.openProject(Test::demoProjectDirectory()))
            return false;
        if (connect)
            window.connectToDatabase(database.settings());
        return waitUntilIdle(window);
    }
};

} // namespace

class WindowTrapsTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void editorBindingsNeverTakeAWindowShortcut();
    void ctrlUInTheEditorUpgradesInsteadOfLowercasing();
    void commandsSayWhyTheyAreDisabled_data();
    void commandsSayWhyTheyAreDisabled();
    void withoutADatabaseNothingIsDrawnAppliedOrPending();
    void statusBarNamesEveryCurrentRevision();
    void escapeClosesDialogs_data();
    void escapeClosesDialogs();
    void labelsShowNoLiteralAmpersand();
};

void WindowTrapsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Every key QScintilla binds by default, in every editor of the window,
// against every shortcut of every action.
void WindowTrapsTest::editorBindingsNeverTakeAWindowShortcut()
{
    MainWindow window;
    QHash<int, QString> shortcuts;
    for (const QAction *action : window.findChildren<QAction *>()) {
        for (const QKeySequence &sequence : action->shortcuts())
            shortcuts.insert(sequence[0].toCombined(), action->text());
    }
    QVERIFY(shortcuts.contains(QKeySequence(Qt::CTRL | Qt::Key_U)[0].toCombined()));
    const QList<SqlEditor *> editors = window.findChildren<SqlEditor *>();
    QVERIFY(editors.size() >= 3); // the editor, the review's script and diffs, the history
    for (SqlEditor *editor : editors) {
        for (QsciCommand *command : editor->standardCommands()->commands()) {
            for (int key : { command->key(), command->alternateKey() }) {
                if (key == 0)
                    continue;
                QVERIFY2(!shortcuts.contains(key),
                    qPrintable(QStringLiteral("%1 is both \"%2\" and the editor's \"%3\"")
                                   .arg(keyText(key), shortcuts.value(key), command->description())));
            }
        }
    }
}

void WindowTrapsTest::ctrlUInTheEditorUpgradesInsteadOfLowercasing()
{
    DemoWindow demo;
    QVERIFY(demo.open(true));
    MainWindow &window = demo.window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.selectRevision(QStringLiteral("8a4e0c5d1f92")));
    window.setView(MainWindow::View::Editor);
    window.editorPage()->startEditing();
    SqlEditor *editor = window.editorPage()->editor();
    editor->setFocus();
    editor->selectAll();
    const QString before = editor->text();
    QSignalSpy upgrade(window.actions()->upgradeToHere, &QAction::triggered);
    QTest::keyClick(editor, Qt::Key_U, Qt::ControlModifier);
    QCOMPARE(editor->text(), before); // not lower-cased
    QCOMPARE(upgrade.count(), 1);
    QTest::keyClick(editor, Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(editor->text(), before); // not upper-cased
    for (RunDialog *dialog : window.findChildren<RunDialog *>())
        dialog->reject();
}

void WindowTrapsTest::commandsSayWhyTheyAreDisabled_data()
{
    QTest::addColumn<int>("setup"); // 0: no project, 1: no database, 2: at base, 3: at 8a4e0c5d1f92
    QTest::addColumn<QString>("select");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("why");
    const QString users = QStringLiteral("8a4e0c5d1f92");
    const QString organizations = QStringLiteral("3f1c9a2b7d40");
    const QString open = QStringLiteral("Open a project first");
    const QString connect = QStringLiteral("Connect to a database first");
    QTest::newRow("upgrade-without-project") << 0 << QString() << "upgradeToHere" << open;
    QTest::newRow("downgrade-without-project") << 0 << QString() << "downgradeToHere" << open;
    QTest::newRow("stamp-without-project") << 0 << QString() << "stampHere" << open;
    QTest::newRow("edit-without-project") << 0 << QString() << "editRevision" << open;
    QTest::newRow("copy-id-without-project") << 0 << QString() << "copyRevisionId" << open;
    QTest::newRow("refresh-without-project") << 0 << QString() << "refresh" << open;
    QTest::newRow("export-without-project") << 0 << QString() << "exportGraph" << open;
    QTest::newRow("go-to-without-project") << 0 << QString() << "goToRevision" << open;
    QTest::newRow("backups-without-project") << 0 << QString() << "showBackups" << open;
    QTest::newRow("fleet-without-project") << 0 << QString() << "openFleet" << open;
    QTest::newRow("upgrade-without-database") << 1 << users << "upgradeToHere" << connect;
    QTest::newRow("downgrade-without-database") << 1 << users << "downgradeToHere" << connect;
    QTest::newRow("stamp-without-database") << 1 << users << "stampHere" << connect;
    QTest::newRow("back-up-without-database") << 1 << users << "backUpNow" << connect;
    QTest::newRow("go-to-current-without-database") << 1 << users << "goToCurrent" << connect;
    QTest::newRow("disconnect-without-database") << 1 << users << "disconnectDatabase"
                                                 << "Not connected";
    QTest::newRow("downgrade-to-a-pending-revision") << 2 << users << "downgradeToHere"
                                                     << "is not applied";
    QTest::newRow("go-to-current-at-base") << 2 << users << "goToCurrent"
                                           << "at base";
    QTest::newRow("upgrade-to-the-current-revision") << 3 << users << "upgradeToHere"
                                                     << "at 8a4e0c5d1f92 already";
    QTest::newRow("downgrade-to-the-current-revision") << 3 << users << "downgradeToHere"
                                                       << "at 8a4e0c5d1f92 already";
    QTest::newRow("upgrade-to-an-applied-revision") << 3 << organizations << "upgradeToHere"
                                                    << "is applied already";
}

void WindowTrapsTest::commandsSayWhyTheyAreDisabled()
{
    QFETCH(int, setup);
    QFETCH(QString, select);
    QFETCH(QString, action);
    QFETCH(QString, why);
    DemoWindow demo;
    if (setup > 0)
        QVERIFY(demo.open(setup >= 2, setup == 3 ? QStringList { QStringLiteral("8a4e0c5d1f92") } : QStringList()));
    MainWindow &window = demo.window;
    if (!select.isEmpty())
        QVERIFY(window.selectRevision(select));
    QAction *command = nullptr;
    for (QAction *candidate : window.actions()->findChildren<QAction *>()) {
        if (candidate->objectName() == action)
            command = candidate;
    }
    QVERIFY2(command, qPrintable(action));
    QVERIFY(!command->isEnabled());
    QVERIFY2(command->toolTip().contains(why), qPrintable(command->toolTip()));
    // The same command where it applies is enabled, and its tooltip says what it does.
    if (setup == 2 && action == QLatin1String("downgradeToHere")) {
        QVERIFY(window.actions()->upgradeToHere->isEnabled());
        QVERIFY(!window.actions()->upgradeToHere->toolTip().isEmpty());
    }
}

void WindowTrapsTest::withoutADatabaseNothingIsDrawnAppliedOrPending()
{
    DemoWindow demo;
    QVERIFY(demo.open(false));
    RevisionGraphModel *model = demo.window.graphModel();
    for (int index = 0; index < demo.project.graph.size(); ++index)
        QCOMPARE(model->state(index), RevisionState::Unknown);
    // Nor is there a state badge claiming anything.
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, RevisionGraphModel::StateColumn).data().toString(), QString());
}

// A database on both branches of the demo is at two revisions: both named.
void WindowTrapsTest::statusBarNamesEveryCurrentRevision()
{
    DemoWindow demo;
    QVERIFY(demo.open(true, { QStringLiteral("9e3c6a0f8d24"), QStringLiteral("2c7d9b3e5a14") }));
    const QString status = demo.window.statusText();
    QVERIFY2(status.contains(QLatin1String("9e3c6a0f8d24")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("2c7d9b3e5a14")), qPrintable(status));
    QCOMPARE(demo.window.database()->currentRows().size(), 2);
}

void WindowTrapsTest::escapeClosesDialogs_data()
{
    QTest::addColumn<QString>("dialog");
    QTest::newRow("stamp-with-the-script-focused") << QStringLiteral("stamp");
    QTest::newRow("upgrade-with-the-sql-focused") << QStringLiteral("upgrade");
    QTest::newRow("backups") << QStringLiteral("backups");
    QTest::newRow("preferences") << QStringLiteral("preferences");
}

void WindowTrapsTest::escapeClosesDialogs()
{
    QFETCH(QString, dialog);
    DemoWindow demo;
    QVERIFY(demo.open(true));
    MainWindow &window = demo.window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDialog *shown = nullptr;
    QWidget *target = nullptr; // where the key goes: the focused widget inside the dialog
    if (dialog == QLatin1String("backups")) {
        shown = window.showBackups();
    } else if (dialog == QLatin1String("preferences")) {
        shown = new PreferencesDialog(&window);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->open();
    } else {
        const ReviewMode mode = dialog == QLatin1String("stamp") ? ReviewMode::Stamp : ReviewMode::Upgrade;
        auto *run =
            new RunDialog(demo.project, demo.database.settings(), false, mode, QStringLiteral("heads"), &window);
        run->setAttribute(Qt::WA_DeleteOnClose);
        run->open();
        QSignalSpy planned(run, &RunDialog::planned);
        QVERIFY(planned.wait(30000));
        run->editor()->setFocus();
        target = run->editor();
        shown = run;
    }
    QVERIFY(QTest::qWaitForWindowExposed(shown));
    QPointer<QDialog> guard(shown);
    if (!target)
        target = shown->focusWidget() ? shown->focusWidget() : shown;
    QTest::keyClick(target, Qt::Key_Escape);
    QTRY_VERIFY(!guard || !guard->isVisible());
}

// A label with a mnemonic needs a buddy, or it shows the "&" itself.
void WindowTrapsTest::labelsShowNoLiteralAmpersand()
{
    DemoWindow demo;
    QVERIFY(demo.open(true));
    QList<QWidget *> windows { &demo.window, new PreferencesDialog(&demo.window), demo.window.showBackups() };
    for (QWidget *top : windows) {
        for (const QLabel *label : top->findChildren<QLabel *>()) {
            if (label->textFormat() == Qt::RichText || label->text().startsWith(QLatin1Char('<')))
                continue;
            QString text = label->text();
            text.remove(QLatin1String("&&"));
            if (text.contains(QLatin1Char('&')))
                QVERIFY2(label->buddy(), qPrintable(QStringLiteral("\"%1\" has no buddy").arg(label->text())));
        }
    }
}

QTEST_MAIN(WindowTrapsTest)
#include "tst_windowtraps.moc"
