// The review's Schema tab: the demo project's whole history replayed on a
// worker thread, the tree of changes naming the migration and line that
// made each, the diff of the schema before and after, and a migration the
// shadow cannot run named while everything before it is still shown. In the
// window: the tab beside the review's SQL, the drift banner and status, and
// Revision ▸ Verify Migrations.
#include "editor/editorpage.h"
#include "editor/sqleditor.h"
#include "graph/planner.h"
#include "mainwindow.h"
#include "review/diffview.h"
#include "review/reviewpage.h"
#include "schema/driftbanner.h"
#include "schema/driftdialog.h"
#include "schema/schemaactions.h"
#include "schema/schemachangemodel.h"
#include "schema/schematab.h"
#include "schema/verifydialog.h"
#include "screenshots.h"
#include "shadowtestutil.h"
#include "windowactions.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Retort;
using namespace Retort::Test;

class TestSchemaTab : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", m_cache.path().toUtf8());
    }
    void demoProject_data() { addDialectRows(); }
    void demoProject();
    void migrationTheShadowCannotRun();
    void reviewPageHasTheSchemaTab();
    void driftBannerAndStatus();
    void verifyFromTheWindow();

private:
    static QModelIndex find(const QAbstractItemModel *model, const QString &text, const QModelIndex &parent = {})
    {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data().toString() == text)
                return index;
            const QModelIndex inside = find(model, text, index);
            if (inside.isValid())
                return inside;
        }
        return {};
    }

    QTemporaryDir m_cache;
};

void TestSchemaTab::demoProject()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    Result<MigrationPlan> plan =
        Planner(project.graph).upgrade({ QStringLiteral("e2a47c9d5b18") }, QStringLiteral("heads"));
    QVERIFY(plan);
    SchemaTab tab;
    tab.resize(1100, 650);
    tab.show();
    QSignalSpy finished(&tab, &SchemaTab::replayFinished);
    tab.showPlan(project, *plan, shadowFor(d));
    QVERIFY(tab.isBusy()); // the replay runs on its own thread; the window goes on
    QVERIFY(finished.wait(120000));
    QVERIFY2(tab.status().contains(QLatin1String("schema change")), qPrintable(tab.status()));

    const QModelIndex column = find(tab.changes(), QStringLiteral("column email_verified added"));
    QVERIFY(column.isValid());
    QVERIFY(column.parent().data().toString().contains(QLatin1String("users")));
    QCOMPARE(column.data(SchemaChangeModel::RevisionRole).toString(), QStringLiteral("6c1e8b4d9a37"));
    QCOMPARE(column.data(SchemaChangeModel::LineRole).toInt(), 7);
    QVERIFY(column.data(SchemaChangeModel::FileRole)
                .toString()
                .endsWith(QLatin1String("6c1e8b4d9a37_add_email_verification.sql")));
    QCOMPARE(column.siblingAtColumn(1).data().toString(), QStringLiteral("6c1e8b4d9a37, line 7"));
    const QModelIndex invoices = find(tab.changes(),
        QStringLiteral("table %1 added")
            .arg(d == Dialect::PostgreSQL ? QStringLiteral("public.invoices") : QStringLiteral("invoices")));
    QVERIFY(invoices.isValid());
    QCOMPARE(invoices.data(SchemaChangeModel::RevisionRole).toString(), QStringLiteral("9e3c6a0f8d24"));

    // The whole schema before and after, in the diff view.
    QVERIFY(tab.diff()->unifiedText().contains(QLatin1String("+")));
    QVERIFY(tab.diff()->unifiedText().contains(QLatin1String("email_verified")));

    // Activating a change asks for its line.
    QSignalSpy lines(&tab, &SchemaTab::lineActivated);
    tab.changeView()->setCurrentIndex(column);
    emit tab.changeView()->activated(column);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().at(1).toInt(), 7);
    if (d == Dialect::PostgreSQL)
        QVERIFY(saveScreenshot(&tab, QStringLiteral("schema-tab")));
}

void TestSchemaTab::migrationTheShadowCannotRun()
{
    TemporaryProject folder;
    folder.writeRevision(
        QStringLiteral("a.sql"), revisionFile(QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);")));
    folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("INSERT INTO needs_data SELECT 1;")));
    const Project project = loadProject(folder);
    SchemaTab tab;
    QSignalSpy finished(&tab, &SchemaTab::replayFinished);
    tab.showPlan(
        project, linearPlan(project, { QStringLiteral("a"), QStringLiteral("b") }), shadowFor(Dialect::SQLite));
    QVERIFY(finished.wait(60000));
    QVERIFY2(tab.status().contains(QLatin1String("cannot run b")), qPrintable(tab.status()));
    QVERIFY2(tab.status().contains(QLatin1String("b.sql:6")), qPrintable(tab.status()));
    QVERIFY(find(tab.changes(), QStringLiteral("table t added")).isValid()); // a, before it
}

void TestSchemaTab::reviewPageHasTheSchemaTab()
{
    ScratchDatabase database(Dialect::SQLite);
    const Project project = loadDemoProject();
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("e2a47c9d5b18")));
    MainWindow window;
    QVERIFY(window.openProject(demoProjectDirectory()));
    window.resize(1280, 800);
    window.show();
    window.connectToDatabase(database.settings());
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000));
    window.setView(MainWindow::View::Review);
    ReviewPage *review = window.reviewPage();
    review->request(ReviewMode::Upgrade, QStringLiteral("heads"));
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000));
    // Replayed only once looked at.
    SchemaTab *tab = review->schemaTab();
    QVERIFY(!tab->isBusy());
    QSignalSpy finished(tab, &SchemaTab::replayFinished);
    review->showSchemaTab();
    QVERIFY(finished.wait(60000));
    const QModelIndex column = find(tab->changes(), QStringLiteral("column email_verified added"));
    QVERIFY2(column.isValid(), qPrintable(tab->status()));
    QVERIFY(saveScreenshot(&window, QStringLiteral("review-schema")));
    // Activating a change opens its line in the editor.
    tab->changeView()->setCurrentIndex(column);
    emit tab->changeView()->activated(column);
    QCOMPARE(window.view(), MainWindow::View::Editor);
    QCOMPARE(window.selectedRevision(), QStringLiteral("6c1e8b4d9a37"));
    int line = -1;
    int index = -1;
    window.editorPage()->editor()->getCursorPosition(&line, &index);
    QCOMPARE(line, 6);

    // One revision alone, from the details pane.
    SchemaTab *alone = window.schemaActions()->showRevisionChanges(QStringLiteral("6c1e8b4d9a37"));
    QVERIFY(alone);
    QSignalSpy aloneFinished(alone, &SchemaTab::replayFinished);
    QVERIFY(aloneFinished.wait(60000));
    QVERIFY(find(alone->changes(), QStringLiteral("column email_verified added")).isValid());
    QVERIFY(!find(alone->changes(), QStringLiteral("table invoices added")).isValid()); // another revision's
    QVERIFY(saveScreenshot(alone->window(), QStringLiteral("revision-changes")));
}

void TestSchemaTab::driftBannerAndStatus()
{
    ScratchDatabase database(Dialect::SQLite);
    const Project project = loadDemoProject();
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("heads")));
    // The version table says an older revision; the schema is the heads'.
    {
        auto connection = database.connect();
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(QStringLiteral("UPDATE alembic_version SET version_num = 'e2a47c9d5b18'")));
    }
    MainWindow window;
    QVERIFY(window.openProject(demoProjectDirectory()));
    window.resize(1280, 800);
    window.show();
    QSignalSpy checked(window.schemaActions(), &SchemaActions::driftChecked);
    window.connectToDatabase(database.settings());
    QVERIFY(checked.wait(60000)); // SQLite: checked by itself
    DriftBanner *banner = window.driftBanner();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QLatin1String("exactly the schema of")), qPrintable(banner->text()));
    QVERIFY(banner->stampButton()->isVisible());
    auto *status = window.findChild<QLabel *>(QStringLiteral("driftStatus"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Schema: drifted"));
    QVERIFY(saveScreenshot(&window, QStringLiteral("drift-banner")));

    // Show Difference…: the ways out that need SQL.
    DriftDialog *dialog = window.schemaActions()->showDifference();
    QVERIFY(dialog);
    // Not after a head: recording the drift as a revision is not offered.
    QVERIFY(!dialog->captureButton()->isEnabled());
    QSignalSpy repaired(dialog, &DriftDialog::repaired);
    dialog->sqlButton()->click();
    QVERIFY(repaired.wait(60000));
    const QString back = dialog->sqlView()->text();
    QVERIFY2(back.contains(QLatin1String("DROP TABLE invoices;")), qPrintable(back));
    QVERIFY2(back.contains(QLatin1String("never runs this")), qPrintable(back));
    QVERIFY(saveScreenshot(dialog, QStringLiteral("drift-dialog")));
    dialog->close();

    // Put right: no drift, no banner.
    {
        auto connection = database.connect();
        QSqlQuery query(connection->database());
        QVERIFY(query.exec(QStringLiteral("DELETE FROM alembic_version")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('b0e6d4a2f8c5')")));
    }
    checked.clear();
    window.refreshDatabaseState();
    QVERIFY(checked.wait(60000));
    QVERIFY(!banner->isVisible());
    QCOMPARE(status->text(), QStringLiteral("Schema: as its revision"));
}

void TestSchemaTab::verifyFromTheWindow()
{
    TemporaryProject folder;
    folder.writeRevision(QStringLiteral("a.sql"),
        revisionFile(
            QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);"), QStringLiteral("DROP TABLE t;")));
    folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("ALTER TABLE t ADD COLUMN flag int;"),
            QStringLiteral("SELECT 1;")));
    ScratchDatabase database(Dialect::SQLite);
    MainWindow window;
    QVERIFY(window.openProject(folder.path()));
    window.connectToDatabase(database.settings()); // a SQLite shadow: a temporary file
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000));
    QVERIFY(window.actions()->verifyMigrations->isEnabled());
    window.actions()->verifyMigrations->trigger();
    auto *dialog = window.findChild<VerifyDialog *>();
    QVERIFY(dialog);
    QSignalSpy finished(dialog, &VerifyDialog::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(dialog->results()->rowCount(), 2);
    QCOMPARE(dialog->results()->index(0, 1).data().toString(), QStringLiteral("ok"));
    QCOMPARE(dialog->results()->index(1, 1).data().toString(), QStringLiteral("downgrade does not restore the schema"));
    QVERIFY2(dialog->status().contains(QLatin1String("1 revision failed")), qPrintable(dialog->status()));
    QVERIFY(saveScreenshot(dialog, QStringLiteral("verify-dialog")));
}

QTEST_MAIN(TestSchemaTab)
#include "tst_schematab.moc"
