// The review's Schema tab: the demo project's whole history replayed on a
// worker thread, the tree of changes naming the migration and line that
// made each, the diff of the schema before and after, and a migration the
// shadow cannot run named while everything before it is still shown.
#include "graph/planner.h"
#include "review/diffview.h"
#include "schema/schemachangemodel.h"
#include "schema/schematab.h"
#include "screenshots.h"
#include "shadowtestutil.h"

#include <QApplication>
#include <QSignalSpy>
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

QTEST_MAIN(TestSchemaTab)
#include "tst_schematab.moc"
