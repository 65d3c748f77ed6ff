// Branch work from the graph, driven through the dialogs as a user would:
// merging heads, new revisions, rebasing a branch and repairing a revision
// whose parent is missing. Real files in temporary projects, real Alembic
// to compare the resulting graphs with, real PostgreSQL where a revision
// being applied matters.
#include "branches/autogeneratepanel.h"
#include "branches/branchactions.h"
#include "branches/mergedialog.h"
#include "branches/newrevisiondialog.h"
#include "branches/reattachdialog.h"
#include "branches/rebasedialog.h"
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "graph/graphpage.h"
#include "graph/revisiongraphmodel.h"
#include "graph/revisiongraphview.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "project/nativerevisionparser.h"
#include "project/projectloader.h"
#include "screenshots.h"
#include "testsupport.h"
#include "util/textfile.h"
#include "windowactions.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QTreeView>
#include <QTreeWidget>

using namespace Retort;
using namespace Qt::StringLiterals;

namespace {

QString fileText(const QString &path)
{
    Result<QString> text = readUtf8File(path);
    return text ? *text : QString();
}

// A file's text without its create_date line, which says when it was written.
QString withoutDate(QString text)
{
    static const QRegularExpression date(u"(?m)^-- create_date: .*\\n"_s);
    return text.remove(date);
}

QStringList headIds(const RevisionGraph &graph)
{
    QStringList ids;
    for (int head : graph.heads())
        ids.append(graph.revision(head).id);
    ids.sort();
    return ids;
}

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

// The heads real Alembic sees in the same graph: the native project made
// into an Alembic one (same ids, parents, labels), then `alembic heads`.
QStringList alembicHeads(const QString &nativeProject, QString *failure)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"alembic"_s);
    *failure = Test::writeAlembicCopy(nativeProject, project, false);
    if (!failure->isEmpty())
        return {};
    const Test::ProcessResult heads = Test::runProcess(u"alembic"_s, { u"heads"_s }, project);
    if (heads.exitCode != 0) {
        *failure = heads.err;
        return {};
    }
    QStringList ids;
    for (const QString &line : heads.out.split(u'\n', Qt::SkipEmptyParts))
        ids.append(line.section(u' ', 0, 0));
    ids.sort();
    return ids;
}

bool waitForWrite(MainWindow &window, QSignalSpy &written)
{
    Q_UNUSED(window);
    return written.size() > 0 || written.wait(20000);
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
    void createsARevisionAfterTheSelectedHead();
    void startsABranchFromARevisionThatIsNotAHead();
    void refusesABranchLabelAlreadyUsed();
    void previewsTheFileAnAlembicProjectWillWrite();
    void autogeneratesFromTheSchemaFile();
    void autogeneratesWithTheProjectsAlembic();
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
    QVERIFY(waitForWrite(window, written));
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
    QVERIFY(waitForWrite(window, written));
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

void BranchesTest::createsARevisionAfterTheSelectedHead()
{
    Test::TemporaryProject project;
    project.writeRevision(u"a.sql"_s, Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s));
    project.writeRevision(u"b.sql"_s, Test::TemporaryProject::nativeRevision(u"b"_s, u"a"_s, u"Add email"_s));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.selectRevision(u"b"_s));
    QVERIFY(window.actions()->newRevision->isEnabled());
    window.actions()->newRevision->trigger();
    auto *dialog = window.findChild<NewRevisionDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->parentChoice()->currentData().toString(), u"b"_s);
    QTest::keyClicks(dialog->message(), u"Add audit log"_s);
    QTest::keyClicks(dialog->branchLabel(), u"audit"_s);
    QTest::keyClicks(dialog->dependsOn(), u"a"_s);
    const QString preview = dialog->preview()->text();
    QVERIFY2(
        preview.contains(u"\n-- down_revision: b\n-- branch_labels: audit\n-- depends_on: a\n"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"-- message: Add audit log\n"_s), qPrintable(preview));
    QCOMPARE(dialog->errorText(), QString());
    Test::saveScreenshot(dialog, u"new-revision-dialog"_s);

    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(waitForWrite(window, written));
    const QString id = written.first().first().toString();
    const Revision &revision = window.project().graph.revision(window.project().graph.indexOf(id));
    // The file is the preview, and the template's sections are there.
    QCOMPARE(QFileInfo(revision.filePath()).fileName(), id + u"_add_audit_log.sql"_s);
    QCOMPARE(withoutDate(fileText(revision.filePath())), withoutDate(preview));
    QCOMPARE(revision.downRevisions, QStringList { u"b"_s });
    QCOMPARE(revision.branchLabels, QStringList { u"audit"_s });
    QCOMPARE(revision.dependsOn, QStringList { u"a"_s });
    QVERIFY(revision.section(Direction::Upgrade, Dialect::PostgreSQL));
    QVERIFY(revision.section(Direction::Downgrade, Dialect::PostgreSQL));
    // Selected in the graph, open for editing.
    QCOMPARE(headIds(window.project().graph), QStringList { id });
    QCOMPARE(window.selectedRevision(), id);
    QCOMPARE(window.view(), MainWindow::View::Editor);
    QCOMPARE(window.editorPage()->filePath(), revision.filePath());
    QVERIFY(window.editorPage()->isEditing());
    QCOMPARE(window.editorPage()->editor()->text(), fileText(revision.filePath()));
}

void BranchesTest::startsABranchFromARevisionThatIsNotAHead()
{
    Test::TemporaryProject project;
    project.writeRevision(u"a.sql"_s, Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s));
    project.writeRevision(u"b.sql"_s, Test::TemporaryProject::nativeRevision(u"b"_s, u"a"_s, u"Add email"_s));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    QVERIFY(window.selectRevision(u"a"_s));
    NewRevisionDialog *dialog = window.branches()->newRevision();
    QVERIFY(dialog);
    // Offered as the start of a new branch (Alembic's --splice).
    QCOMPARE(dialog->parentChoice()->currentData().toString(), u"a"_s);
    QVERIFY(dialog->parentChoice()->currentText().contains(u"starts a new branch"_s));
    QVERIFY(dialog->spec().splice);
    dialog->message()->setText(u"Reports"_s);
    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    dialog->accept();
    QVERIFY(waitForWrite(window, written));
    const QString id = written.first().first().toString();
    QStringList expected { u"b"_s, id };
    expected.sort();
    QCOMPARE(headIds(window.project().graph), expected);
    QCOMPARE(window.project().graph.revision(window.project().graph.indexOf(id)).downRevisions, QStringList { u"a"_s });
    QString failure;
    const QStringList alembic = alembicHeads(project.path(), &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(alembic, headIds(window.project().graph));
}

void BranchesTest::refusesABranchLabelAlreadyUsed()
{
    Test::TemporaryProject project;
    project.writeRevision(u"a.sql"_s,
        Test::TemporaryProject::nativeRevision(u"a"_s, {}, u"Create users"_s, u"-- branch_labels: core\n"_s));
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    NewRevisionDialog *dialog = window.branches()->newRevision();
    QVERIFY(dialog);
    dialog->message()->setText(u"Other"_s);
    QPushButton *create = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(create->isEnabled());
    QTest::keyClicks(dialog->branchLabel(), u"core"_s);
    QVERIFY2(dialog->errorText().contains(u"branch label \"core\" is already used by revision a"_s),
        qPrintable(dialog->errorText()));
    QVERIFY(!create->isEnabled());
    dialog->accept(); // refused: nothing is written
    QCOMPARE(QDir(project.versionsPath()).entryList(QDir::Files), QStringList { u"a.sql"_s });
    QVERIFY(dialog->isVisible());
}

void BranchesTest::previewsTheFileAnAlembicProjectWillWrite()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"app"_s);
    const Test::ProcessResult made = Test::runProcess(
        u"python3"_s, { Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), path });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    Result<Project> project = ProjectLoader::load(path);
    QVERIFY(project);
    NewRevisionDialog dialog(*project, {});
    QSignalSpy shown(&dialog, &NewRevisionDialog::previewShown);
    QTest::keyClicks(dialog.message(), u"Add phone numbers"_s);
    QVERIFY(shown.wait(30000));
    // The project's own script.py.mako, not Retort's native header.
    const QString preview = dialog.preview()->text();
    QVERIFY2(preview.startsWith(u"\"\"\"Add phone numbers\n"_s), qPrintable(preview));
    QVERIFY(!preview.contains(u"-- revision:"_s));
    dialog.accept();
    QVERIFY(QTest::qWaitFor([&dialog] { return !dialog.written().path.isEmpty(); }, 30000));
    static const QRegularExpression date(u"Create Date: .*"_s);
    QCOMPARE(QString(preview).replace(date, u"Create Date: -"_s),
        QString(readUtf8File(dialog.written().path).value()).replace(date, u"Create Date: -"_s));
}

void BranchesTest::autogeneratesFromTheSchemaFile()
{
    Test::TemporaryProject project;
    project.writeFile(u"retort.ini"_s, "[retort]\nschema_file = schema.sql\n");
    project.writeRevision(u"a.sql"_s,
        Test::TemporaryProject::nativeRevision(
            u"a"_s, {}, u"People"_s, {}, u"CREATE TABLE people (id integer PRIMARY KEY, full_name text);"_s));
    project.writeFile(
        u"schema.sql"_s, "CREATE TABLE people (id integer PRIMARY KEY, display_name text, email text NOT NULL);\n");
    MainWindow window;
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    NewRevisionDialog *dialog = window.branches()->newRevision();
    QVERIFY(dialog);
    QSignalSpy shown(dialog, &NewRevisionDialog::previewShown);
    QTest::keyClicks(dialog->message(), u"Profile fields"_s);
    QVERIFY(dialog->setContents(NewRevisionDialog::Contents::SchemaFile));
    QVERIFY(!dialog->setContents(NewRevisionDialog::Contents::Alembic)); // native project
    QVERIFY(shown.wait(60000));
    AutogeneratePanel *panel = dialog->autogenerate();
    QVERIFY(panel);
    QPushButton *create = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // Asked, not guessed: the pair is undecided and nothing can be written.
    QCOMPARE(panel->renames()->rowCount(), 1);
    QStandardItem *pair = panel->renames()->item(0, 0);
    QCOMPARE(pair->text(), u"people.full_name → people.display_name"_s);
    QCOMPARE(pair->checkState(), Qt::PartiallyChecked);
    QVERIFY(!create->isEnabled());
    QVERIFY2(panel->status().contains(u"look like renames"_s), qPrintable(panel->status()));

    shown.clear();
    pair->setCheckState(Qt::Checked); // a rename: the data is kept
    QVERIFY(shown.wait(60000));
    QVERIFY(create->isEnabled());
    const QString preview = dialog->preview()->text();
    QVERIFY2(
        preview.contains(u"ALTER TABLE public.people RENAME COLUMN full_name TO display_name;"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"ADD COLUMN email text NOT NULL;"_s), qPrintable(preview));
    QVERIFY2(preview.contains(u"-- fails if the table has rows: NOT NULL without a default"_s), qPrintable(preview));
    QVERIFY(panel->changeView()->model()->rowCount() >= 2);
    Test::saveScreenshot(dialog, u"new-revision-autogenerate"_s);

    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(create, Qt::LeftButton);
    QVERIFY(waitForWrite(window, written));
    const QString id = written.first().first().toString();
    const Revision &revision = window.project().graph.revision(window.project().graph.indexOf(id));
    QCOMPARE(withoutDate(fileText(revision.filePath())), withoutDate(preview));
    QCOMPARE(revision.downRevisions, QStringList { u"a"_s });
    QCOMPARE(window.selectedRevision(), id);
    QCOMPARE(window.view(), MainWindow::View::Editor);
    QCOMPARE(window.editorPage()->filePath(), revision.filePath());
}

void BranchesTest::autogeneratesWithTheProjectsAlembic()
{
    QString why;
    if (!Test::postgresAvailable(&why))
        QSKIP(qPrintable(why));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"app"_s);
    const Test::ProcessResult made = Test::runProcess(
        u"python3"_s, { Test::sourceDirectory() + QStringLiteral("/" RETORT_APP_PROJECT_MAKER), path });
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    // The shadow is the test server; its password from the environment,
    // as libpq takes it (never in retort.ini).
    Test::ScratchPostgresDatabase server;
    QVERIFY(server.isValid());
    ConnectionSettings shadow = server.settings();
    qputenv("PGPASSWORD", shadow.password.toUtf8());
    shadow.password.clear();
    QFile ini(path + u"/retort.ini"_s);
    QVERIFY(ini.open(QIODevice::Append));
    ini.write(u"[retort]\nshadow_url = %1\n[retort.env]\nDB_HOST = host\nDB_PORT = port\nDB_USER = user\n"
              "DB_NAME = database\n"_s.arg(shadow.url())
                  .toUtf8());
    ini.close();
    QString models = fileText(path + u"/app/models.py"_s);
    models.replace(
        u"    action = sa.Column(sa.Text, nullable=False)"_s, u"    verb = sa.Column(sa.Text, nullable=False)"_s);
    QFile out(path + u"/app/models.py"_s);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(models.toUtf8());
    out.close();

    MainWindow window;
    QVERIFY(window.openProject(path));
    NewRevisionDialog *dialog = window.branches()->newRevision();
    QVERIFY(dialog);
    QVERIFY(dialog->setContents(NewRevisionDialog::Contents::Alembic));
    dialog->message()->setText(u"Audit verb"_s);
    QSignalSpy shown(dialog, &NewRevisionDialog::previewShown);
    dialog->accept();
    QVERIFY(QTest::qWaitFor([dialog] { return !dialog->written().path.isEmpty(); }, 120000));
    // Alembic's file, with Retort's warning on the drop and add; the dialog
    // waits for the user to read it, then opens the file.
    const QString file = fileText(dialog->written().path);
    QVERIFY2(file.contains(u"op.drop_column('audit_log', 'action')"_s), qPrintable(file));
    QVERIFY2(dialog->preview()->text().contains(u"op.add_column('audit_log'"_s), qPrintable(dialog->preview()->text()));
    QLabel *warnings = nullptr;
    for (QLabel *label : dialog->findChildren<QLabel *>()) {
        if (label->text().contains(u"audit_log.action is dropped and audit_log.verb added"_s))
            warnings = label;
    }
    QVERIFY(warnings);
    QPushButton *open = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(open->text().contains(u"Open"_s));
    QTest::qWait(100); // the layout settles on the new button text and warnings
    Test::saveScreenshot(dialog, u"new-revision-alembic-autogenerate"_s);
    const QString writtenPath = dialog->written().path;
    QSignalSpy written(window.branches(), &BranchActions::revisionWritten);
    QTest::mouseClick(open, Qt::LeftButton); // the dialog closes (and goes)
    QVERIFY(waitForWrite(window, written));
    QCOMPARE(window.editorPage()->filePath(), writtenPath);
    qunsetenv("PGPASSWORD");
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
    QVERIFY(waitForWrite(window, written));
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
    QVERIFY(waitForWrite(window, written));

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
