#include "details/revisiondetails.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "graph/graphpage.h"
#include "graph/headsbanner.h"
#include "graph/revisionfilterproxy.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"
#include "project/projectloader.h"
#include "project/projectwatcher.h"
#include "testsupport.h"
#include "util/textfile.h"

#include <KSyntaxHighlighting/Theme>
#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTextDocument>
#include <QUrl>

#include <cmath>

using namespace Retort;

namespace {

// Runs `retort --screenshot FILE -p DEMO OPTIONS` without a display.
Test::ProcessResult screenshot(const QString &file, const QStringList &options)
{
    return Test::runProcess(Test::guiExecutable(),
        QStringList { QStringLiteral("--screenshot"), file, QStringLiteral("-p"), Test::demoProjectDirectory() } +
            options,
        {}, { QStringLiteral("QT_QPA_PLATFORM") }); // unset: --screenshot must choose offscreen itself
}

QString fileText(const QString &path)
{
    Result<QString> text = readUtf8File(path);
    return text ? *text : QString();
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsOneRowPerRevision();
    void keepsTheProjectWhenAnotherFailsToLoad();
    void opensAnAlembicProject();
    void selectionFillsTheDetails_data();
    void selectionFillsTheDetails();
    void followsLinksToParents();
    void detailsShowAllTheMetadata();
    void editorViewReadsItsFileWhenShown();
    void filteringKeepsAMatchSelected();
    void reloadsWhenFilesChangeKeepingSelectionAndScroll();
    void keepsTheGraphWhileFilesAreBroken();
    void savingAnEditReloadsTheGraph();
    void bannerNamesSeveralHeads();
    void screenshotIsARealPicture_data();
    void screenshotIsARealPicture();
    void screenshotRefusesBadOptions_data();
    void screenshotRefusesBadOptions();
};

void MainWindowTest::initTestCase()
{
    // Settings (recent projects, layout) go to a throwaway place.
    QStandardPaths::setTestModeEnabled(true);
}

void MainWindowTest::listsOneRowPerRevision()
{
    MainWindow window;
    QAbstractItemModelTester tester(window.graphModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
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
    // The head is selected and shown.
    QCOMPARE(window.selectedRevision(), shown.first());
    QVERIFY(window.statusText().contains(QLatin1String("16 revisions")));
    QVERIFY(window.statusText().contains(QLatin1String("1 head")));
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
    QCOMPARE(window.project().directory, QDir(Test::demoProjectDirectory()).absolutePath());
}

void MainWindowTest::opensAnAlembicProject()
{
    Test::TemporaryProject project;
    project.writeFile(QStringLiteral("alembic.ini"), "[alembic]\nscript_location = migrations\n");
    project.writeFile(QStringLiteral("migrations/versions/a1_create_users.py"),
        "\"\"\"Create users\n\nRevision ID: a1\n\"\"\"\nfrom alembic import op\n\nrevision = 'a1'\ndown_revision = "
        "None\n\n"
        "def upgrade():\n    op.execute('CREATE TABLE users (id int)')\n");
    const QString second = project.writeFile(QStringLiteral("migrations/versions/b2_add_email.py"),
        "\"\"\"Add email\"\"\"\nrevision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    pass\n");
    MainWindow window;
    window.watcher()->setSettleDelay(50);
    QVERIFY(window.openProject(project.path()));
    QCOMPARE(window.project().kind, ProjectKind::Alembic);
    QCOMPARE(window.graphModel()->index(0, RevisionGraphModel::MessageColumn).data().toString(),
        QStringLiteral("Add email"));
    QVERIFY(window.selectRevision(QStringLiteral("a1")));
    SqlEditor *editor = window.graphPage()->details()->editor();
    QCOMPARE(editor->language(), QStringLiteral("Python"));
    QCOMPARE(editor->styleAt(int(editor->text().indexOf(QLatin1String("def upgrade")))),
        int(KSyntaxHighlighting::Theme::Keyword));
    // Alembic files are watched like native ones.
    QSignalSpy loaded(&window, &MainWindow::projectLoaded);
    QFile file(second);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("\"\"\"Add an email column\"\"\"\nrevision = 'b2'\ndown_revision = 'a1'\n");
    file.close();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(window.graphModel()->index(0, RevisionGraphModel::MessageColumn).data().toString(),
        QStringLiteral("Add an email column"));
    QCOMPARE(window.selectedRevision(), QStringLiteral("a1"));
}

void MainWindowTest::selectionFillsTheDetails_data()
{
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("merge-point") << QStringLiteral("d4e8c1f6b2a9")
                                 << QStringList { QStringLiteral("Merge billing and documents branches"),
                                        QStringLiteral("Parents\t9e3c6a0f8d24, f03b7a9e6d52"),
                                        QStringLiteral("Children\t5f2a8c6e1d93") };
    QTest::newRow("depends-on") << QStringLiteral("2c7d9b3e5a14")
                                << QStringList { QStringLiteral("Depends on\t4b9f1d7e2c65"),
                                       QStringLiteral("File\tversions/2c7d9b3e5a14_add_document_quota.sql") };
    QTest::newRow("labelled-and-needed") << QStringLiteral("4b9f1d7e2c65")
                                         << QStringList { QStringLiteral("Branch labels\tbilling"),
                                                QStringLiteral("Needed by\t2c7d9b3e5a14") };
    QTest::newRow("base") << QStringLiteral("3f1c9a2b7d40") << QStringList { QStringLiteral("Parents\tnone (a base)") };
    QTest::newRow("non-transactional") << QStringLiteral("f03b7a9e6d52")
                                       << QStringList { QStringLiteral("runs outside a transaction") };
}

void MainWindowTest::selectionFillsTheDetails()
{
    QFETCH(QString, revision);
    QFETCH(QStringList, shown);
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    QVERIFY(window.selectRevision(revision));
    RevisionDetails *details = window.graphPage()->details();
    QCOMPARE(details->revisionId(), revision);
    const QString text = details->metadataText();
    for (const QString &expected : shown)
        QVERIFY2(text.contains(expected), qPrintable(text));
    const int index = window.project().graph.indexOf(revision);
    QCOMPARE(details->editor()->text(), fileText(window.project().graph.revision(index).filePath()));
    QVERIFY(details->editor()->isReadOnly());
    // The editor view follows the selection.
    QCOMPARE(window.editorPage()->revisionId(), revision);
}

void MainWindowTest::followsLinksToParents()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    QVERIFY(window.selectRevision(QStringLiteral("d4e8")));
    QCOMPARE(window.selectedRevision(), QStringLiteral("d4e8c1f6b2a9"));
    // The links are the metadata browser's anchors.
    auto *metadata = window.graphPage()->details()->findChild<QTextBrowser *>();
    QVERIFY(metadata);
    QVERIFY(metadata->toHtml().contains(QLatin1String("revision:f03b7a9e6d52")));
    emit metadata->anchorClicked(QUrl(QStringLiteral("revision:f03b7a9e6d52")));
    QCOMPARE(window.selectedRevision(), QStringLiteral("f03b7a9e6d52"));
    QCOMPARE(window.graphPage()->details()->revisionId(), QStringLiteral("f03b7a9e6d52"));
    QVERIFY(!window.selectRevision(QStringLiteral("ffff")));
}

// The metadata is as tall as its text, whatever the revision: the pane sets
// its height itself (see RevisionDetails::fitHeader()), so a revision with
// more rows must grow it and one with fewer shrink it.
void MainWindowTest::detailsShowAllTheMetadata()
{
    MainWindow window;
    window.resize(1280, 800);
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RevisionDetails *details = window.graphPage()->details();
    auto *metadata = details->findChild<QTextBrowser *>();
    auto *header = details->findChild<QScrollArea *>();
    QVERIFY(metadata && header);
    const auto shownWhole = [&] {
        QCoreApplication::processEvents();
        const int textHeight = int(std::ceil(metadata->document()->size().height()));
        return metadata->height() == textHeight && header->height() >= metadata->geometry().bottom() &&
            !header->verticalScrollBar()->isVisible();
    };
    QVERIFY(window.selectRevision(QStringLiteral("c5902f4e8b1d"))); // parent, child, date, file
    QVERIFY(shownWhole());
    const int fewRows = metadata->height();
    QVERIFY(window.selectRevision(QStringLiteral("4b9f1d7e2c65"))); // and labels and "needed by"
    QVERIFY(shownWhole());
    QVERIFY2(metadata->height() > fewRows, qPrintable(QString::number(metadata->height())));
    QVERIFY(metadata->toPlainText().contains(QLatin1String("2c7d9b3e5a14")));
    QVERIFY(window.selectRevision(QStringLiteral("c5902f4e8b1d")));
    QVERIFY(shownWhole());
    QCOMPARE(metadata->height(), fewRows);
    // A narrower pane wraps the rows: still all shown.
    window.resize(700, 800);
    QVERIFY(shownWhole());
}

// The Editor view follows the selection, but reads, highlights and lints
// the file only when it is shown or its editor is asked for: not for each
// Page Down through the graph.
void MainWindowTest::editorViewReadsItsFileWhenShown()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto pathOf = [&window](const QString &id) {
        return window.project().graph.revision(window.project().graph.indexOf(id)).filePath();
    };
    EditorPage *page = window.editorPage();
    // The editor itself, not through editor(), which would read the file.
    auto *editor = page->findChild<SqlEditor *>();
    QVERIFY(editor);

    QVERIFY(window.selectRevision(QStringLiteral("c5902f4e8b1d")));
    QCOMPARE(page->revisionId(), QStringLiteral("c5902f4e8b1d"));
    QCOMPARE(page->filePath(), pathOf(QStringLiteral("c5902f4e8b1d")));
    QVERIFY(editor->text() != fileText(pathOf(QStringLiteral("c5902f4e8b1d"))));
    window.setView(MainWindow::View::Editor);
    QCOMPARE(editor->text(), fileText(pathOf(QStringLiteral("c5902f4e8b1d"))));

    // Back in the graph, a new selection is read when the editor is asked for.
    window.setView(MainWindow::View::Graph);
    QVERIFY(window.selectRevision(QStringLiteral("b71d2e9f3a06")));
    QCOMPARE(editor->text(), fileText(pathOf(QStringLiteral("c5902f4e8b1d"))));
    QCOMPARE(page->editor()->text(), fileText(pathOf(QStringLiteral("b71d2e9f3a06"))));
}

void MainWindowTest::filteringKeepsAMatchSelected()
{
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    QVERIFY(window.selectRevision(QStringLiteral("4b9f1d7e2c65")));
    QLineEdit *filter = window.graphPage()->filter();
    filter->setText(QStringLiteral("billing"));
    QCOMPARE(window.graphPage()->proxy()->rowCount(), 2);
    // The selected revision matches: it stays selected.
    QCOMPARE(window.selectedRevision(), QStringLiteral("4b9f1d7e2c65"));
    filter->setText(QStringLiteral("invoices"));
    QCOMPARE(window.graphPage()->proxy()->rowCount(), 1);
    QCOMPARE(window.selectedRevision(), QStringLiteral("9e3c6a0f8d24"));
    QCOMPARE(window.graphPage()->details()->revisionId(), QStringLiteral("9e3c6a0f8d24"));
    // Selecting a revision hidden by the filter clears the filter.
    QVERIFY(window.selectRevision(QStringLiteral("3f1c9a2b7d40")));
    QCOMPARE(filter->text(), QString());
    QCOMPARE(window.graphPage()->proxy()->rowCount(), window.project().graph.size());
}

void MainWindowTest::reloadsWhenFilesChangeKeepingSelectionAndScroll()
{
    Test::TemporaryProject project; // a copy of the demo project, which the test changes
    project.copyFrom(Test::demoProjectDirectory());
    MainWindow window;
    window.resize(1000, 400); // short enough to scroll
    window.watcher()->setSettleDelay(50);
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RevisionGraphView *view = window.graphPage()->view();
    QVERIFY(window.selectRevision(QStringLiteral("0d6b8e1a4c73")));
    view->scrollToBottom();
    const int scroll = view->verticalScrollBar()->value();
    QVERIFY(scroll > 0);
    const QString topBefore = view->position().top;

    // A pull brings a new head on top of the old one.
    QSignalSpy loaded(&window, &MainWindow::projectLoaded);
    project.writeRevision(QStringLiteral("aa11_add_notes.sql"),
        Test::TemporaryProject::nativeRevision(
            QStringLiteral("aa11"), QStringLiteral("b0e6d4a2f8c5"), QStringLiteral("Add notes")));
    QVERIFY(loaded.wait(5000));
    QCOMPARE(window.graphModel()->rowCount(), 17);
    QCOMPARE(
        window.graphModel()->index(0, RevisionGraphModel::RevisionColumn).data().toString(), QStringLiteral("aa11"));
    QCOMPARE(window.selectedRevision(), QStringLiteral("0d6b8e1a4c73"));
    QCOMPARE(window.graphPage()->details()->revisionId(), QStringLiteral("0d6b8e1a4c73"));
    QCOMPARE(view->position().top, topBefore);

    // An edit in place reaches the details pane too.
    const QString path =
        window.project().graph.revision(window.project().graph.indexOf(QStringLiteral("0d6b8e1a4c73"))).filePath();
    QString text = fileText(path);
    text.replace(QLatin1String("-- message: Create API keys"), QLatin1String("-- message: Create API keys table"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();
    QVERIFY(loaded.wait(5000));
    QCOMPARE(window.selectedRevision(), QStringLiteral("0d6b8e1a4c73"));
    QVERIFY(window.graphPage()->details()->metadataText().startsWith(QLatin1String("Create API keys table")));
}

void MainWindowTest::keepsTheGraphWhileFilesAreBroken()
{
    Test::TemporaryProject project; // a copy of the demo project, which the test changes
    project.copyFrom(Test::demoProjectDirectory());
    MainWindow window;
    window.watcher()->setSettleDelay(50);
    QVERIFY(window.openProject(project.path()));
    QVERIFY(window.selectRevision(QStringLiteral("2c7d9b3e5a14")));
    QSignalSpy loaded(&window, &MainWindow::projectLoaded);
    // Half way through a pull: a file written half way. (A file that only
    // points at a revision not there yet is shown as broken instead.)
    project.writeRevision(QStringLiteral("bb22.sql"), "-- revision: bb22\n-- down_rev");
    QVERIFY(!loaded.wait(1000));
    QCOMPARE(window.graphModel()->rowCount(), 16);
    QCOMPARE(window.selectedRevision(), QStringLiteral("2c7d9b3e5a14"));
    // The rest of the pull arrives.
    project.writeRevision(QStringLiteral("bb22.sql"),
        Test::TemporaryProject::nativeRevision(
            QStringLiteral("bb22"), QStringLiteral("cc33"), QStringLiteral("Later")));
    project.writeRevision(QStringLiteral("cc33.sql"),
        Test::TemporaryProject::nativeRevision(
            QStringLiteral("cc33"), QStringLiteral("b0e6d4a2f8c5"), QStringLiteral("Sooner")));
    QVERIFY(loaded.wait(5000));
    QCOMPARE(window.graphModel()->rowCount(), 18);
    QCOMPARE(window.selectedRevision(), QStringLiteral("2c7d9b3e5a14"));
}

void MainWindowTest::savingAnEditReloadsTheGraph()
{
    Test::TemporaryProject project; // a copy of the demo project, which the test changes
    project.copyFrom(Test::demoProjectDirectory());
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    QVERIFY(window.selectRevision(QStringLiteral("7d3b1f9c4e26")));
    window.setView(MainWindow::View::Editor);
    EditorPage *editor = window.editorPage();
    QVERIFY(editor->editor()->isReadOnly());
    QVERIFY(editor->startEditing()); // not applied anywhere: no question asked
    QVERIFY(!editor->editor()->isReadOnly());
    QString text = editor->editor()->text();
    text.replace(QLatin1String("-- message: Record last login of users"),
        QLatin1String("-- message: Record the last login of users"));
    editor->editor()->setText(text);
    QVERIFY(editor->isModified());
    QSignalSpy loaded(&window, &MainWindow::projectLoaded);
    QVERIFY(editor->save().ok());
    QVERIFY(!editor->isModified());
    QCOMPARE(fileText(editor->filePath()), text);
    QVERIFY(loaded.size() >= 1 || loaded.wait(5000));
    const int row = window.graphModel()->rowOf(QStringLiteral("7d3b1f9c4e26"));
    QCOMPARE(window.graphModel()->index(row, RevisionGraphModel::MessageColumn).data().toString(),
        QStringLiteral("Record the last login of users"));
}

void MainWindowTest::bannerNamesSeveralHeads()
{
    Test::TemporaryProject project;
    project.writeRevision(QStringLiteral("a.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("a"), {}, QStringLiteral("Base")));
    project.writeRevision(QStringLiteral("b.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("One"),
            QStringLiteral("-- branch_labels: left\n")));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    HeadsBanner *banner = window.graphPage()->banner();
    QVERIFY(banner->isHidden());
    project.writeRevision(QStringLiteral("c.sql"),
        Test::TemporaryProject::nativeRevision(QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("Two")));
    QVERIFY(window.reloadProject());
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().contains(QLatin1String("<b>b (left)</b>")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QLatin1String("<b>c</b>")), qPrintable(banner->text()));
    QVERIFY(window.statusText().contains(QLatin1String("2 heads")));
}

void MainWindowTest::screenshotIsARealPicture_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("dark");
    QTest::newRow("graph") << QStringList() << false;
    QTest::newRow("editor-dark") << QStringList { QStringLiteral("--view"), QStringLiteral("editor"),
        QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--select"), QStringLiteral("2c7d") }
                                 << true;
    QTest::newRow("editor-theme-by-name")
        << QStringList { QStringLiteral("--theme"), QStringLiteral("Breeze Dark") } << true;
}

void MainWindowTest::screenshotIsARealPicture()
{
    QFETCH(QStringList, options);
    QFETCH(bool, dark);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const Test::ProcessResult result = screenshot(file, options);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QImage image(file);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 500);
    // Not a blank window: many distinct colours (text, header, selection).
    QSet<QRgb> colours;
    int darkPixels = 0;
    int samples = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            colours.insert(image.pixel(x, y));
            darkPixels += qGray(image.pixel(x, y)) < 100;
            ++samples;
        }
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    QCOMPARE(darkPixels > samples / 2, dark);
}

void MainWindowTest::screenshotRefusesBadOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown-view") << QStringList { QStringLiteral("--view"), QStringLiteral("sideways") }
                                  << QStringLiteral("unknown view \"sideways\"");
    QTest::newRow("unknown-theme") << QStringList { QStringLiteral("--theme"), QStringLiteral("Plaid") }
                                   << QStringLiteral("unknown theme \"Plaid\"");
    QTest::newRow("unknown-revision") << QStringList { QStringLiteral("--select"), QStringLiteral("zz") }
                                      << QStringLiteral("no revision zz");
}

void MainWindowTest::screenshotRefusesBadOptions()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    const Test::ProcessResult result = screenshot(file, options);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(!QFile::exists(file));
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
