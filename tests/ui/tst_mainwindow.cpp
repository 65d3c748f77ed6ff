#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Retort;

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void listsOneRowPerRevision();
    void keepsTheProjectWhenAnotherFailsToLoad();
    void screenshotIsARealPicture();
};

void MainWindowTest::listsOneRowPerRevision()
{
    MainWindow window;
    new QAbstractItemModelTester(window.graphModel(), QAbstractItemModelTester::FailureReportingMode::QtTest, &window);
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(project.ok());
    QAbstractItemModel *model = window.graphPage()->view()->model();
    QCOMPARE(model->rowCount(), project->graph.size());
    QStringList shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown.append(model->index(row, RevisionGraphModel::RevisionColumn).data().toString());
    QStringList expected;
    for (const Revision &revision : project->graph.revisions())
        expected.append(revision.id);
    QCOMPARE(QSet<QString>(shown.cbegin(), shown.cend()), QSet<QString>(expected.cbegin(), expected.cend()));
    // Newest first: the head is on top, the base at the bottom.
    QCOMPARE(shown.first(), project->graph.revision(project->graph.heads().first()).id);
    QCOMPARE(shown.last(), project->graph.revision(project->graph.bases().first()).id);
    QCOMPARE(model->index(0, RevisionGraphModel::MessageColumn).data().toString(), QStringLiteral("Scope API keys"));
}

void MainWindowTest::keepsTheProjectWhenAnotherFailsToLoad()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    const int rows = window.graphModel()->rowCount();
    Test::TemporaryProject broken;
    broken.writeRevision(QStringLiteral("a.sql"), "-- revision: a\n-- nonsense: 1\n");
    QVERIFY(!window.openProject(broken.path()));
    QCOMPARE(window.graphModel()->rowCount(), rows);
}

void MainWindowTest::screenshotIsARealPicture()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const Test::ProcessResult result = Test::runProcess(Test::guiExecutable(),
        { QStringLiteral("--screenshot"), file, QStringLiteral("-p"), Test::demoProjectDirectory() }, {},
        { QStringLiteral("QT_QPA_PLATFORM") }); // unset: --screenshot must choose offscreen itself
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QImage image(file);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    // Not a blank window: many distinct colours (text, header, selection).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
