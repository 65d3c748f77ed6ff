// What people look for first: which revisions touch a table, going to the
// current revision or to one by id, the graph as a picture, the history of
// runs, the welcome page, and the section of a file that runs here.

#include "db/databasecontroller.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "graph/graphpage.h"
#include "graph/revisionfilterproxy.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "history/historymodel.h"
#include "history/historypage.h"
#include "mainwindow.h"
#include "navigationactions.h"
#include "screenshots.h"
#include "util/englishplurals.h"
#include "welcome/welcomepage.h"
#include "windowactions.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Retort;
using namespace Qt::StringLiterals;
using Retort::Test::migrateTo;

namespace {

bool waitUntilIdle(const MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000);
}

QStringList shownIds(const MainWindow &window)
{
    QStringList ids;
    const QAbstractItemModel *model = window.graphPage()->proxy();
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->index(row, 0).data(RevisionGraphModel::RevisionIdRole).toString());
    ids.sort();
    return ids;
}

// A small project whose messages and SQL disagree on purpose: the search
// by table reads the SQL.
void writeShop(const Test::TemporaryProject &project)
{
    const auto write = [&project](
                           const QString &id, const QString &parent, const QString &message, const QString &sql) {
        project.writeRevision(
            id + QStringLiteral(".sql"), Test::TemporaryProject::nativeRevision(id, parent, message, {}, sql));
    };
    write(QStringLiteral("a1"), {}, QStringLiteral("Create the users"),
        QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, email text);"));
    write(QStringLiteral("b2"), QStringLiteral("a1"), QStringLiteral("Create orders"),
        QStringLiteral("CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));"));
    write(QStringLiteral("c3"), QStringLiteral("b2"), QStringLiteral("Record the last login"),
        QStringLiteral("ALTER TABLE public.users ADD COLUMN last_login timestamptz;"));
    write(QStringLiteral("d4"), QStringLiteral("c3"), QStringLiteral("Fix the orders"),
        QStringLiteral("UPDATE orders SET user_id = NULL WHERE user_id = 0;"));
    write(QStringLiteral("e5"), QStringLiteral("d4"), QStringLiteral("Link users to their notes"),
        QStringLiteral("ALTER TABLE orders ADD COLUMN note text;\nUPDATE users SET email = lower(email);"));
}

} // namespace

class FindYourWayTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void searchByTable_data();
    void searchByTable();
    void searchByTableOnTheDemo();
    void goesToTheCurrentRevisions();
    void goesToARevisionById();
    void exportsTheGraph_data();
    void exportsTheGraph();
    void historyShowsWhatRan();
    void welcomePageOpensTheDemo();
    void editorMarksTheSectionThatRunsHere();
    void pluralsReadAsEnglish();
};

void FindYourWayTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void FindYourWayTest::searchByTable_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("a-table") << "table:users" << QStringList { u"a1"_s, u"c3"_s, u"e5"_s };
    QTest::newRow("a-table-in-capitals") << "table:USERS" << QStringList { u"a1"_s, u"c3"_s, u"e5"_s };
    QTest::newRow("a-column") << "table:users.last_login" << QStringList { u"c3"_s };
    QTest::newRow("a-column-made-then-written") << "table:users.email" << QStringList { u"a1"_s, u"e5"_s };
    QTest::newRow("a-column-in-any-table") << "table:note" << QStringList { u"e5"_s };
    QTest::newRow("rows-written") << "table:orders" << QStringList { u"b2"_s, u"d4"_s, u"e5"_s };
    QTest::newRow("two-tables") << "table:orders table:users" << QStringList { u"e5"_s };
    QTest::newRow("a-table-and-a-word") << "table:orders fix" << QStringList { u"d4"_s };
    QTest::newRow("no-such-table") << "table:invoices" << QStringList();
    QTest::newRow("a-word-is-not-a-table") << "users" << QStringList { u"a1"_s, u"e5"_s };
}

void FindYourWayTest::searchByTable()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    Test::TemporaryProject project;
    writeShop(project);
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.graphPage()->filter()->setText(filter);
    QVERIFY(waitUntilIdle(window)); // the index of what each revision touches
    QCOMPARE(shownIds(window), expected);
}

void FindYourWayTest::searchByTableOnTheDemo()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.graphPage()->focusFilter();
    QTest::keyClicks(window.graphPage()->filter(), QStringLiteral("table:users"));
    QVERIFY(waitUntilIdle(window));
    const QStringList ids = shownIds(window);
    QVERIFY2(ids.contains(QLatin1String("8a4e0c5d1f92")), qPrintable(ids.join(QLatin1Char(' ')))); // creates users
    QVERIFY2(ids.contains(QLatin1String("7d3b1f9c4e26")), qPrintable(ids.join(QLatin1Char(' ')))); // adds last_login_at
    QVERIFY2(
        !ids.contains(QLatin1String("3f1c9a2b7d40")), qPrintable(ids.join(QLatin1Char(' ')))); // organizations only
    QApplication::processEvents();
    QVERIFY(Test::saveScreenshot(&window, QStringLiteral("search-by-table")));
}

void FindYourWayTest::goesToTheCurrentRevisions()
{
    Test::ScratchDatabase database(Dialect::SQLite);
    const Project project = *ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("9e3c6a0f8d24")));
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("2c7d9b3e5a14")));
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    QVERIFY(window.selectRevision(QStringLiteral("3f1c9a2b7d40")));
    QAction *goToCurrent = window.actions()->goToCurrent;
    QVERIFY(goToCurrent->isEnabled());
    QCOMPARE(goToCurrent->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    QStringList visited;
    for (int i = 0; i < 3; ++i) {
        goToCurrent->trigger();
        visited.append(window.selectedRevision());
    }
    // Each current revision in turn, then the first again.
    QCOMPARE(visited.at(2), visited.at(0));
    visited.removeLast();
    visited.sort();
    QCOMPARE(visited, (QStringList { QStringLiteral("2c7d9b3e5a14"), QStringLiteral("9e3c6a0f8d24") }));
}

void FindYourWayTest::goesToARevisionById()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QCOMPARE(window.actions()->goToRevision->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_G));
    // The dialog is modal: answer it once it shows.
    QTimer::singleShot(0, this, [] {
        QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        dialog->setTextValue(QStringLiteral("c590"));
        dialog->accept();
    });
    window.actions()->goToRevision->trigger();
    QCOMPARE(window.selectedRevision(), QStringLiteral("c5902f4e8b1d"));
}

void FindYourWayTest::exportsTheGraph_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("selectionOnly");
    QTest::newRow("whole-graph-svg") << "graph.svg" << false;
    QTest::newRow("selection-svg") << "selection.svg" << true;
    QTest::newRow("whole-graph-png") << "graph.png" << false;
    QTest::newRow("selection-png") << "selection.png" << true;
}

void FindYourWayTest::exportsTheGraph()
{
    QFETCH(QString, file);
    QFETCH(bool, selectionOnly);
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RevisionGraphView *view = window.graphPage()->view();
    // Three rows, from the second to the fourth.
    view->selectionModel()->select(QItemSelection(view->model()->index(1, 0), view->model()->index(3, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const int rows = selectionOnly ? 3 : view->model()->rowCount();
    QTemporaryDir dir;
    const QString path = dir.filePath(file);
    QCOMPARE(window.navigation()->exportTo(path, selectionOnly), QString());
    const int rowHeight = view->sizeHintForRow(0);
    QImage picture;
    if (file.endsWith(QLatin1String(".svg"))) {
        // Rendered back with Qt Svg: a valid picture of the rows and the titles.
        QSvgRenderer renderer(path);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().height(), (rows + 1) * rowHeight);
        picture = QImage(renderer.defaultSize(), QImage::Format_ARGB32);
        picture.fill(Qt::transparent);
        QPainter painter(&picture);
        renderer.render(&painter);
        painter.end();
        // Text stays text: the ids can be found in the file.
        QFile svg(path);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray content = svg.readAll();
        const QString second = view->model()->index(1, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        const QString last = view->model()->index(rows - 1, 0).data(RevisionGraphModel::RevisionIdRole).toString();
        QVERIFY(content.contains(second.toUtf8()));
        QCOMPARE(
            content.contains(view->model()->index(0, 0).data(RevisionGraphModel::RevisionIdRole).toString().toUtf8()),
            !selectionOnly);
        QVERIFY(content.contains(last.toUtf8()) || selectionOnly);
        if (!selectionOnly)
            QVERIFY(Test::saveScreenshot(&window, QStringLiteral("export-source")));
    } else {
        QVERIFY(picture.load(path));
        QCOMPARE(picture.height(), int((rows + 1) * rowHeight * view->devicePixelRatioF()));
    }
    // Something drawn on the background: lanes and text in several colours.
    QSet<QRgb> colours;
    for (int y = 0; y < picture.height(); y += 3) {
        for (int x = 0; x < picture.width(); x += 3)
            colours.insert(picture.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    if (file == QLatin1String("graph.svg") && !qEnvironmentVariableIsEmpty("RETORT_SCREENSHOT_DIR"))
        QVERIFY(picture.save(
            QDir(qEnvironmentVariable("RETORT_SCREENSHOT_DIR")).filePath(QStringLiteral("exported-graph.png"))));
}

void FindYourWayTest::historyShowsWhatRan()
{
    Test::ScratchDatabase database(Dialect::SQLite);
    const Project project = *ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("b71d2e9f3a06"))); // three upgrades
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    // Read only for eyes that see it.
    QCOMPARE(window.historyPage()->model()->rowCount(), 0);
    window.setView(MainWindow::View::History);
    QVERIFY(waitUntilIdle(window));
    HistoryModel *model = window.historyPage()->model();
    QCOMPARE(model->rowCount(), 3);
    // Newest first.
    QCOMPARE(model->index(0, HistoryModel::RevisionColumn).data().toString(), QStringLiteral("b71d2e9f3a06"));
    QCOMPARE(model->index(2, HistoryModel::RevisionColumn).data().toString(), QStringLiteral("3f1c9a2b7d40"));
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->index(row, HistoryModel::ActionColumn).data().toString(), QStringLiteral("upgrade"));
        QCOMPARE(model->index(row, HistoryModel::OutcomeColumn).data().toString(), QStringLiteral("succeeded"));
        QVERIFY(!model->index(row, HistoryModel::WhoColumn).data().toString().isEmpty());
        QVERIFY(!model->index(row, HistoryModel::DurationColumn).data().toString().isEmpty());
    }
    // The selected run's SQL, exactly as it ran.
    window.historyPage()->view()->setCurrentIndex(model->index(0, 0));
    const std::optional<SqlSection> section = project.graph.revision(project.graph.indexOf(QStringLiteral("b71d2e9f3a06")))
                                    .section(Direction::Upgrade, Dialect::SQLite);
    QVERIFY(section);
    QCOMPARE(window.historyPage()->script()->text().trimmed(), section->sql().trimmed());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(Test::saveScreenshot(&window, QStringLiteral("history")));
}

void FindYourWayTest::welcomePageOpensTheDemo()
{
    MainWindow window;
    window.setInteractive(false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Before any project: the welcome page, with the projects opened lately.
    WelcomePage *welcome = window.welcomePage();
    QVERIFY(welcome->isVisible());
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    QVERIFY(!welcome->isVisible());
    MainWindow second;
    second.setInteractive(false);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QVERIFY(second.welcomePage()->isVisible());
    const QAbstractItemModel *recent = second.welcomePage()->recentView()->model();
    QVERIFY(recent->rowCount() >= 1);
    QCOMPARE(QDir::fromNativeSeparators(recent->index(0, 0).data().toString()),
        QFileInfo(Test::demoProjectDirectory()).absoluteFilePath());
    QVERIFY(Test::saveScreenshot(&second, QStringLiteral("welcome")));

    // Open the Demo: a copy in the data folder, with its own SQLite database.
    second.welcomePage()->demoButton()->click();
    QVERIFY(waitUntilIdle(second));
    QCOMPARE(second.project().graph.size(), window.project().graph.size());
    QVERIFY(!second.project().directory.startsWith(Test::demoProjectDirectory()));
    QVERIFY2(second.statusText().contains(QLatin1String("Connected to demo.sqlite")), qPrintable(second.statusText()));
    QCOMPARE(second.view(), MainWindow::View::Graph);
}

void FindYourWayTest::editorMarksTheSectionThatRunsHere()
{
    Test::TemporaryProject project;
    project.writeRevision(QStringLiteral("a1.sql"),
        "-- revision: a1\n-- down_revision:\n-- message: Per dialect\n\n"
        "-- migrate:upgrade postgresql\nCREATE TABLE t (id serial);\n\n"
        "-- migrate:upgrade sqlite\nCREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT);\n\n"
        "-- migrate:downgrade\nDROP TABLE t;\n");
    Test::ScratchDatabase database(Dialect::SQLite);
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    QVERIFY(window.selectRevision(QStringLiteral("a1")));
    QVERIFY(window.editorPage()->sectionMarks().isEmpty()); // no database: nothing to say
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    const QList<EditorPage::SectionMark> marks = window.editorPage()->sectionMarks();
    QCOMPARE(marks.size(), 3);
    QCOMPARE(marks.at(0).line, 4); // "-- migrate:upgrade postgresql"
    QVERIFY(!marks.at(0).runs);
    QCOMPARE(marks.at(1).line, 7); // "-- migrate:upgrade sqlite"
    QVERIFY(marks.at(1).runs);
    QVERIFY(marks.at(2).runs); // the one downgrade, for every dialect
    SqlEditor *editor = window.editorPage()->editor();
    QVERIFY2(editor->lineMessage(7).contains(QLatin1String("runs on")), qPrintable(editor->lineMessage(7)));
    QVERIFY(editor->lineMessage(4).startsWith(QLatin1String("Not run")));
}

void FindYourWayTest::pluralsReadAsEnglish()
{
    EnglishPlurals plurals;
    QCoreApplication::installTranslator(&plurals);
    QCOMPARE(QObject::tr("%n step(s) will run", nullptr, 1), QStringLiteral("1 step will run"));
    QCOMPARE(QObject::tr("%n step(s) will run", nullptr, 3), QStringLiteral("3 steps will run"));
    QCOMPARE(QObject::tr("%n pending", nullptr, 2), QStringLiteral("2 pending"));
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    QVERIFY2(window.statusText().contains(QLatin1String("16 revisions")), qPrintable(window.statusText()));
    QVERIFY2(window.statusText().contains(QLatin1String("1 head")), qPrintable(window.statusText()));
    QCoreApplication::removeTranslator(&plurals);
}

QTEST_MAIN(FindYourWayTest)
#include "tst_findyourway.moc"
