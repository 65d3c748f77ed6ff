// Branch work from the graph, driven through the dialogs as a user would:
// merging heads, rebasing a branch and repairing a revision whose parent
// is missing (new revisions: tst_newrevision.cpp). Real files in temporary
// projects, real Alembic to compare the resulting graphs with, real
// PostgreSQL where a revision being applied matters.
#include "branches/branchactions.h"
#include "branches/mergedialog.h"
#include "branches/reattachdialog.h"
#include "branches/rebasedialog.h"
#include "branchestestutil.h"
#include "executortestutil.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "project/nativerevisionparser.h"
#include "project/projectloader.h"
#include "screenshots.h"
#include "windowactions.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>

using namespace Retort;
using namespace Retort::Test;
using namespace Qt::StringLiterals;

namespace {

// Selects these revisions in the graph, as Ctrl-clicks would.
void selectInGraph(MainWindow &window, const QStringList &ids)
{
    RevisionGraphView *view = window.graphPage()->view();
    QItemSelectionModel *selection = view->selectionModel();
    selection->clearSelection();
    for (const QString &id : ids) {
        const QModelIndexList found = view->model()->match(view->model()->index(0, RevisionGraphModel::RevisionColumn),
            RevisionGraphModel::RevisionIdRole, id, 1, Qt::MatchExactly);
        QVERIFY2(!found.isEmpty(), qPrintable(id));
        selection->setCurrentIndex(found.first(), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

} // namespace

class BranchesTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void actionsAreInTheMenusWithShortcuts();
    void mergesHeadsFromTheGraph_data();
    void mergesHeadsFromTheGraph();
    void mergesTheHeadsOfAnAlembicProject();
    void rebasesABranchOntoTheOtherHead();
    void refusesToRebaseABranchAppliedInTheDatabase();
    void repairsARevisionWhoseParentIsMissing();
};

void BranchesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void BranchesTest::actionsAreInTheMenusWithShortcuts()
{
    MainWindow window;
    WindowActions *actions = window.actions();
    QCOMPARE(actions->newRevision->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(actions->mergeHeads->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    QMenu menu;
    actions->addRevisionActions(&menu);
    QVERIFY(menu.actions().contains(actions->newRevision));
    QVERIFY(menu.actions().contains(actions->mergeHeads));
    QVERIFY(actions->toolBar->actions().contains(actions->newRevision));
    // Nothing to merge and nowhere to write without a project.
    QVERIFY(!actions->newRevision->isEnabled());
    QVERIFY(!actions->mergeHeads->isEnabled());
}

void BranchesTest::mergesHeadsFromTheGraph_data()
{
    QTest::addColumn<QStringList>("selected");
    QTest::addColumn<QStringList>("merged");
    QTest::addColumn<int>("headsAfter");
    // Nothing selected: every head, as `alembic merge heads`.
    QTest::newRow("all-heads") << QStringList() << QStringList { u"b"_s, u"c"_s, u"d"_s } << 1;
    QTest::newRow("two-of-three-selected") << QStringList { u"b"_s, u"c"_s } << QStringList { u"b"_s, u"c"_s } << 2;
}

void BranchesTest::mergesHeadsFromTheGraph()
{
    QFETCH(QStringList, selected);
    QFETCH(QStringList, merged);
    QFETCH(int, headsAfter);
    Test::TemporaryProject project;
    project.writeRevision(u"a.sql"_s,
        Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s, {}, u"CREATE TABLE users (id int);"_s));
    project.writeRevision(u"b.sql"_s,
        Test::TemporaryProject::nativeRevision(u"b"_s, u"a"_s, u"Verify emails"_s, u"-- branch_labels: left\n"_s,
            u"ALTER TABLE users ADD COLUMN email text;"_s));
    project.writeRevision(u"c.sql"_s,
        Test::TemporaryProject::nativeRevision(u"c"_s, u"a"_s, u"Import emails"_s, {},
            u"ALTER TABLE users ADD COLUMN email varchar(200);\nCREATE TABLE imports (id int);"_s));
    project.writeRevision(u"d.sql"_s,
        Test::TemporaryProject::nativeRevision(u"d"_s, u"a"_s, u"Audit"_s, {}, u"CREATE TABLE audit_log (id int);"_s));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    selectInGraph(window, selected);
    QStringList toMerge;
    for (int head : window.branches()->headsToMerge())
        toMerge.append(window.project().graph.revision(head).id);
    toMerge.sort();
    QCOMPARE(toMerge, merged);
    QVERIFY(window.actions()->mergeHeads->isEnabled());

    window.actions()->mergeHeads->trigger();
    auto *dialog = window.findChild<MergeDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->isValid());
    // One branch per head, with its revisions and what they touch.
    QTreeWidget *tree = dialog->branches();
    QCOMPARE(tree->topLevelItemCount(), int(merged.size()));
    QHash<QString, QString> touches;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *branch = tree->topLevelItem(i);
        QCOMPARE(branch->childCount(), 1);
        touches.insert(branch->child(0)->text(0), branch->child(0)->text(2));
    }
    QCOMPARE(touches.value(u"b"_s), u"users (email)"_s);
    QCOMPARE(touches.value(u"c"_s), u"users (email), imports (id)"_s);
    // Both change users.email: flagged, on the revisions and below.
    QVERIFY2(dialog->overlapsLabel()->text().contains(u"<b>users</b>, columns <b>email</b>"_s),
        qPrintable(dialog->overlapsLabel()->text()));
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *revision = tree->topLevelItem(i)->child(0);
        QCOMPARE(revision->icon(0).isNull(), revision->text(0) == u"d"_s);
    }
    if (merged.size() == 3)
        Test::saveScreenshot(dialog, u"merge-dialog"_s);

    dialog->message()->clear();
    QTest::keyClicks(dialog->message(), u"Join the email branches"_s);
    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(waitForWrite(written));
    const QString id = written.first().first().toString();

    // The file: a native revision following every merged head.
    const int index = window.project().graph.indexOf(id);
    QVERIFY(index >= 0);
    const Revision &revision = window.project().graph.revision(index);
    Result<Revision> parsed = NativeRevisionParser::parseFile(revision.filePath());
    QVERIFY(parsed.ok());
    QStringList parents = parsed->downRevisions;
    parents.sort();
    QCOMPARE(parents, merged);
    QCOMPARE(parsed->message, u"Join the email branches"_s);
    QVERIFY(fileText(revision.filePath()).startsWith(u"-- revision: "_s + id + u'\n'));
    // Reloaded, with the merge selected.
    QCOMPARE(int(window.project().graph.heads().size()), headsAfter);
    QVERIFY(window.project().graph.isHead(index));
    QCOMPARE(window.selectedRevision(), id);
    QCOMPARE(window.view(), MainWindow::View::Graph);
    // Alembic sees the same heads in the same graph.
    QString failure;
    const QStringList alembic = alembicHeads(project.path(), &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(alembic, headIds(window.project().graph));
}

void BranchesTest::mergesTheHeadsOfAnAlembicProject()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"project"_s);
    QVERIFY(QDir().mkpath(path));
    const auto alembic = [&path](const QStringList &arguments) {
        const Test::ProcessResult result = Test::runProcess(u"alembic"_s, arguments, path);
        return result.exitCode == 0 ? QString() : result.err;
    };
    QString failure = alembic({ u"init"_s, u"migrations"_s });
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    for (const QStringList &command :
        QList<QStringList> { { u"revision"_s, u"-m"_s, u"Base"_s, u"--rev-id"_s, u"a1a1a1a1a1a1"_s },
            { u"revision"_s, u"-m"_s, u"Left"_s, u"--rev-id"_s, u"b2b2b2b2b2b2"_s, u"--head"_s, u"a1a1a1a1a1a1"_s },
            { u"revision"_s, u"-m"_s, u"Right"_s, u"--rev-id"_s, u"c3c3c3c3c3c3"_s, u"--head"_s, u"a1a1a1a1a1a1"_s,
                u"--splice"_s } }) {
        failure = alembic(command);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    MainWindow window;
    QVERIFY(window.openProject(path));
    QCOMPARE(window.project().graph.heads().size(), 2);
    MergeDialog *dialog = window.branches()->mergeHeads();
    QVERIFY(dialog);
    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    dialog->message()->setText(u"Merge left and right"_s);
    dialog->accept();
    QVERIFY(waitForWrite(written));
    const QString id = written.first().first().toString();
    QVERIFY(!id.isEmpty());
    // Alembic wrote its own kind of file, and agrees it is the one head.
    const Revision &revision = window.project().graph.revision(window.project().graph.indexOf(id));
    QCOMPARE(revision.format, RevisionFormat::Alembic);
    QVERIFY(revision.filePath().endsWith(u".py"_s));
    QCOMPARE(window.selectedRevision(), id);
    const Test::ProcessResult heads = Test::runProcess(u"alembic"_s, { u"heads"_s }, path);
    QCOMPARE(heads.out.section(u' ', 0, 0).trimmed(), id);
    QCOMPARE(heads.out.trimmed().count(u'\n'), 0);
}

// a <- b <- c (the branch "left") and a <- x: two heads, c and x.
void writeTwoBranches(const Test::TemporaryProject &project)
{
    project.writeRevision(u"a.sql"_s,
        Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s, {}, u"CREATE TABLE users (id int);"_s));
    project.writeRevision(u"b.sql"_s,
        Test::TemporaryProject::nativeRevision(u"b"_s, u"a"_s, u"Verify emails"_s, u"-- branch_labels: left\n"_s,
            u"ALTER TABLE users ADD COLUMN email text;"_s));
    project.writeRevision(u"c.sql"_s,
        Test::TemporaryProject::nativeRevision(
            u"c"_s, u"b"_s, u"Index emails"_s, {}, u"CREATE INDEX ix_users_email ON users (email);"_s));
    project.writeRevision(u"x.sql"_s,
        Test::TemporaryProject::nativeRevision(u"x"_s, u"a"_s, u"Audit"_s, {}, u"CREATE TABLE audit_log (id int);"_s));
}

QHash<QString, QByteArray> versionFiles(const Test::TemporaryProject &project)
{
    QHash<QString, QByteArray> files;
    const QDir folder(project.versionsPath());
    for (const QString &name : folder.entryList(QDir::Files | QDir::Hidden))
        files.insert(name, *readFileBytes(folder.filePath(name)));
    return files;
}

void BranchesTest::rebasesABranchOntoTheOtherHead()
{
    Test::TemporaryProject project;
    writeTwoBranches(project);
    const QHash<QString, QByteArray> before = versionFiles(project);
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectRevision(u"c"_s));
    QVERIFY(window.actions()->rebaseBranch->isEnabled());
    window.actions()->rebaseBranch->trigger();
    auto *dialog = window.findChild<RebaseDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->ontoChoice()->currentData().toString(), u"x"_s);
    // No database connected: nothing to check against, said so.
    QVERIFY(dialog->canWrite());
    QVERIFY2(dialog->summaryText().contains(u"No database is connected"_s), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(u"in <code>versions/b.sql</code>, down_revision <code>a</code> becomes "
                                            "<code>x</code>"_s),
        qPrintable(dialog->summaryText()));
    // The preview is the graph afterwards: one line, a x b c.
    const RevisionGraph &preview = dialog->previewModel()->graph();
    QCOMPARE(headIds(preview), QStringList { u"c"_s });
    QCOMPARE(preview.revision(preview.indexOf(u"b"_s)).downRevisions, QStringList { u"x"_s });
    QCOMPARE(dialog->previewModel()->rowCount(), 4);
    Test::saveScreenshot(dialog, u"rebase-dialog"_s);

    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(waitForWrite(written));
    QCOMPARE(written.first().first().toString(), u"c"_s);
    // b.sql differs in its down_revision line only; no other file changed.
    QHash<QString, QByteArray> expected = before;
    expected[u"b.sql"_s].replace("-- down_revision: a\n", "-- down_revision: x\n");
    QVERIFY(expected.value(u"b.sql"_s) != before.value(u"b.sql"_s));
    QCOMPARE(versionFiles(project), expected);
    QCOMPARE(headIds(window.project().graph), QStringList { u"c"_s });
    QCOMPARE(window.selectedRevision(), u"c"_s);
    QString failure;
    QCOMPARE(alembicHeads(project.path(), &failure), QStringList { u"c"_s });
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

void BranchesTest::refusesToRebaseABranchAppliedInTheDatabase()
{
    QString why;
    if (!Test::postgresAvailable(&why))
        QSKIP(qPrintable(why));
    Test::ScratchPostgresDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    Test::TemporaryProject project;
    writeTwoBranches(project);
    const QHash<QString, QByteArray> before = versionFiles(project);
    // The database runs a and b: the start of c's branch is applied.
    QVERIFY(Test::migrateTo(*ProjectLoader::load(project.path()), database.settings(), u"b"_s));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    QSignalSpy state(&window, &MainWindow::databaseStateChanged);
    window.connectToDatabase(database.settings());
    QVERIFY(state.wait(20000));

    QVERIFY(window.selectRevision(u"c"_s));
    RebaseDialog *dialog = window.branches()->rebaseBranch();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), 20000);
    QVERIFY2(
        dialog->errorText().startsWith(u"Refused: b of this branch is applied in "_s), qPrintable(dialog->errorText()));
    QVERIFY2(dialog->errorText().contains(u"merge the heads instead"_s), qPrintable(dialog->errorText()));
    QVERIFY(!dialog->canWrite());
    QVERIFY(!dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QCOMPARE(versionFiles(project), before);
    dialog->reject();

    // x's branch is applied nowhere: it may move onto c.
    QVERIFY(window.selectRevision(u"x"_s));
    dialog = window.branches()->rebaseBranch();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->canWrite(), 20000);
    QCOMPARE(dialog->errorText(), QString());
}

void BranchesTest::repairsARevisionWhoseParentIsMissing()
{
    Test::TemporaryProject project;
    project.writeRevision(u"a.sql"_s, Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s));
    project.writeRevision(u"b.sql"_s, Test::TemporaryProject::nativeRevision(u"b"_s, u"a"_s, u"Add email"_s));
    // c's parent was never pulled (or was deleted).
    project.writeRevision(u"c.sql"_s, Test::TemporaryProject::nativeRevision(u"c"_s, u"gone"_s, u"Index emails"_s));
    project.writeRevision(u"d.sql"_s, Test::TemporaryProject::nativeRevision(u"d"_s, u"c"_s, u"Audit"_s));
    const QHash<QString, QByteArray> before = versionFiles(project);
    // The command line stays strict: the error, and exit code 2.
    const QString error = u"down_revision gone of revision c is not a revision of this project"_s;
    Test::ProcessResult cli = Test::runProcess(Test::cliExecutable(), { u"-p"_s, project.path(), u"heads"_s });
    QCOMPARE(cli.exitCode, 2);
    QVERIFY2(cli.err.contains(error), qPrintable(cli.err));

    // The window loads it, and shows c broken.
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    RevisionGraphModel *model = window.graphModel();
    QCOMPARE(model->rowCount(), 4);
    const QModelIndex row = model->index(model->rowOf(u"c"_s), RevisionGraphModel::LabelsColumn);
    QVERIFY(row.data(RevisionGraphModel::FlagsRole).toInt() & RevisionGraphModel::BrokenFlag);
    QVERIFY(!(model->index(model->rowOf(u"d"_s), 0).data(RevisionGraphModel::FlagsRole).toInt() &
        RevisionGraphModel::BrokenFlag));
    QVERIFY2(row.data(Qt::ToolTipRole).toString().contains(error), qPrintable(row.data(Qt::ToolTipRole).toString()));
    QVERIFY(window.log()->rowCount() > 0);
    QVERIFY(window.selectRevision(u"b"_s));
    QVERIFY(!window.actions()->reattachRevision->isEnabled());
    // Nothing runs from here: no database, and c is broken (it would be
    // planned as a base).
    QVERIFY(!window.actions()->upgradeToHere->isEnabled());
    QVERIFY(window.selectRevision(u"c"_s));
    QVERIFY(window.actions()->reattachRevision->isEnabled());
    Test::saveScreenshot(&window, u"broken-revision"_s);

    window.actions()->reattachRevision->trigger();
    auto *dialog = window.findChild<ReattachDialog *>();
    QVERIFY(dialog);
    // Neither c itself nor d, which grows from it, can be its parent.
    QCOMPARE(dialog->parentChoice()->findData(u"c"_s), -1);
    QCOMPARE(dialog->parentChoice()->findData(u"d"_s), -1);
    QCOMPARE(dialog->parentChoice()->currentData().toString(), u"b"_s); // the head comes first
    QCOMPARE(dialog->newDownRevisions(), QStringList { u"b"_s });
    Test::saveScreenshot(dialog, u"reattach-dialog"_s);
    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(waitForWrite(written));

    // Only c's down_revision changed; the project now loads strictly.
    QHash<QString, QByteArray> expected = before;
    expected[u"c.sql"_s].replace("-- down_revision: gone\n", "-- down_revision: b\n");
    QCOMPARE(versionFiles(project), expected);
    QVERIFY(window.project().broken.isEmpty());
    QCOMPARE(window.selectedRevision(), u"c"_s);
    Result<Project> strict = ProjectLoader::load(project.path());
    QVERIFY2(strict.ok(), qPrintable(strict ? QString() : strict.error().toString()));
    QCOMPARE(headIds(strict->graph), QStringList { u"d"_s });
    cli = Test::runProcess(Test::cliExecutable(), { u"-p"_s, project.path(), u"heads"_s });
    QCOMPARE(cli.exitCode, 0);
    QString failure;
    QCOMPARE(alembicHeads(project.path(), &failure), QStringList { u"d"_s });
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
}

QTEST_MAIN(BranchesTest)
#include "tst_branches.moc"
