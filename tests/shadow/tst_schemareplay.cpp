// The schema at a revision: replayed into the shadow through the executor,
// the same as the schema a real run leaves; cached, and the cache
// invalidated by an edit; a failing migration reported by file and line.
#include "graph/planner.h"
#include "shadow/schemareplayer.h"
#include "shadowtestutil.h"

#include <QDir>
#include <QTest>

using namespace Retort;
using namespace Retort::Test;

class TestSchemaReplay : public QObject
{
    Q_OBJECT

private slots:
    void everyDemoRevisionMatchesARealRun_data() { addDialectRows(); }
    void everyDemoRevisionMatchesARealRun();
    void secondReplayComesFromTheCache_data() { addDialectRows(); }
    void secondReplayComesFromTheCache();
    void editedFileInvalidatesWhatDependsOnIt();
    void failingMigrationNamedWithEverythingBeforeIt_data();
    void failingMigrationNamedWithEverythingBeforeIt();
    void downgradePlan();

private:
    static int cachedFiles(const QTemporaryDir &cache)
    {
        return int(QDir(cache.path()).entryList({ QStringLiteral("*.sql") }, QDir::Files).size());
    }
};

void TestSchemaReplay::everyDemoRevisionMatchesARealRun()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    QTemporaryDir cache;
    SchemaReplayer replayer(project, shadowFor(d), SnapshotCache(cache.path()));

    // The whole history in one replay: the schema after each step...
    Result<MigrationPlan> all = Planner(project.graph).upgrade({}, QStringLiteral("heads"));
    QVERIFY(all);
    const SchemaReplay replayed = replayer.replay(*all);
    QVERIFY2(!replayed.failure, qPrintable(replayed.failure ? replayed.failure->error.toString() : QString()));
    QCOMPARE(replayed.schemaAfter.size(), all->steps.size());

    // ...is the schema a real upgrade to that step leaves in a database.
    ScratchDatabase target(d);
    QVERIFY(target.isValid());
    for (int i = 0; i < all->steps.size(); ++i) {
        const QString id = project.graph.revision(all->steps.at(i).revision).id;
        QVERIFY(migrateTo(project, target.settings(), id));
        QCOMPARE(replayed.schemaAfter.at(i), schemaOf(target.settings(), project.settings));
    }
    QVERIFY(replayed.schemaAfter.last().contains(QLatin1String("invoices")));
}

void TestSchemaReplay::secondReplayComesFromTheCache()
{
    QFETCH(QString, dialect);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    const Project project = loadDemoProject();
    QTemporaryDir cache;
    SchemaReplayer replayer(project, shadowFor(d), SnapshotCache(cache.path()));
    Result<MigrationPlan> plan =
        Planner(project.graph).upgrade({ QStringLiteral("b71d2e9f3a06") }, QStringLiteral("heads"));
    QVERIFY(plan);

    const SchemaReplay first = replayer.replay(*plan);
    QVERIFY(first.complete(*plan));
    QVERIFY(first.stepsReplayed > 0);
    QVERIFY(!first.shadowDescription.isEmpty());

    const SchemaReplay second = replayer.replay(*plan);
    QVERIFY(second.complete(*plan));
    QCOMPARE(second.stepsReplayed, 0);
    QCOMPARE(second.shadowDescription, QString()); // no shadow was needed
    QCOMPARE(second.statesFromCache, int(plan->steps.size()) + 1);
    QCOMPARE(second.schemaBefore, first.schemaBefore);
    QCOMPARE(second.schemaAfter, first.schemaAfter);

    // The schema at the plan's end is the state after its last step: the
    // same key, so also from the cache.
    Result<QString> atHeads = replayer.schemaAt(plan->versionRowsAfter());
    QVERIFY(atHeads);
    QCOMPARE(*atHeads, first.schemaAfter.last());
}

void TestSchemaReplay::editedFileInvalidatesWhatDependsOnIt()
{
    TemporaryProject folder;
    folder.writeRevision(QStringLiteral("a.sql"),
        revisionFile(
            QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);"), QStringLiteral("DROP TABLE t;")));
    const QString bPath = folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("ALTER TABLE t ADD COLUMN b int;"),
            QStringLiteral("ALTER TABLE t DROP COLUMN b;")));
    folder.writeRevision(QStringLiteral("c.sql"),
        revisionFile(QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("CREATE TABLE u (id int);"),
            QStringLiteral("DROP TABLE u;")));
    QTemporaryDir cache;
    MigrationPlan plan;
    {
        const Project project = loadProject(folder);
        plan = linearPlan(project, { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
        SchemaReplayer replayer(project, shadowFor(Dialect::SQLite), SnapshotCache(cache.path()));
        const SchemaReplay first = replayer.replay(plan);
        QVERIFY(first.complete(plan));
        QVERIFY(first.schemaAfter.at(2).contains(QLatin1String("b int")));
    }
    QCOMPARE(cachedFiles(cache), 4);

    folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("ALTER TABLE t ADD COLUMN renamed int;"),
            QStringLiteral("ALTER TABLE t DROP COLUMN renamed;")));
    QVERIFY(QFile::exists(bPath));
    const Project edited = loadProject(folder);
    SchemaReplayer replayer(edited, shadowFor(Dialect::SQLite), SnapshotCache(cache.path()));
    const SchemaReplay second = replayer.replay(plan);
    QVERIFY(second.complete(plan));
    // Empty and a: from the cache; b and c again, from a's snapshot.
    QCOMPARE(second.statesFromCache, 2);
    QCOMPARE(second.stepsReplayed, 2);
    QVERIFY(second.schemaAfter.at(2).contains(QLatin1String("renamed int")));
    QVERIFY(!second.schemaAfter.at(2).contains(QLatin1String("b int")));
    QCOMPARE(cachedFiles(cache), 6);
}

void TestSchemaReplay::failingMigrationNamedWithEverythingBeforeIt_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("failing");
    QTest::newRow("postgresql-missing-extension")
        << QStringLiteral("postgresql") << QStringLiteral("CREATE EXTENSION no_such_extension;");
    QTest::newRow("postgresql-missing-role")
        << QStringLiteral("postgresql") << QStringLiteral("GRANT SELECT ON t TO no_such_role;");
    QTest::newRow("sqlite-missing-table")
        << QStringLiteral("sqlite") << QStringLiteral("INSERT INTO missing VALUES (1);");
}

void TestSchemaReplay::failingMigrationNamedWithEverythingBeforeIt()
{
    QFETCH(QString, dialect);
    QFETCH(QString, failing);
    const Dialect d = dialectFromName(dialect);
    RETORT_SKIP_WITHOUT_POSTGRES(d);
    TemporaryProject folder;
    folder.writeRevision(
        QStringLiteral("a.sql"), revisionFile(QStringLiteral("a"), {}, QStringLiteral("CREATE TABLE t (id int);")));
    const QString bPath = folder.writeRevision(QStringLiteral("b.sql"),
        revisionFile(
            QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("CREATE TABLE fine (id int);\n") + failing));
    folder.writeRevision(QStringLiteral("c.sql"),
        revisionFile(QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("CREATE TABLE later (id int);")));
    const Project project = loadProject(folder);
    QTemporaryDir cache;
    SchemaReplayer replayer(project, shadowFor(d), SnapshotCache(cache.path()));
    const MigrationPlan plan = linearPlan(project, { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") });
    const SchemaReplay replayed = replayer.replay(plan);
    QVERIFY(replayed.failure);
    QCOMPARE(replayed.failure->step, 1);
    QCOMPARE(replayed.failure->error.revision, QStringLiteral("b"));
    QCOMPARE(replayed.failure->error.file, bPath);
    QCOMPARE(replayed.failure->error.line, 7); // the failing statement's line in b.sql
    QVERIFY(replayed.schemaBefore);
    QCOMPARE(replayed.schemaAfter.size(), 1); // a, up to the failing migration
    QVERIFY(replayed.schemaAfter.first().contains(QLatin1String("CREATE TABLE")));
    QVERIFY(!replayed.schemaAfter.first().contains(QLatin1String("fine"))); // b rolled back
    // Only what replayed is cached: base and a.
    QCOMPARE(cachedFiles(cache), 2);
}

void TestSchemaReplay::downgradePlan()
{
    const Project project = loadDemoProject();
    QTemporaryDir cache;
    SchemaReplayer replayer(project, shadowFor(Dialect::SQLite), SnapshotCache(cache.path()));
    Result<MigrationPlan> plan =
        Planner(project.graph).downgrade({ QStringLiteral("7d3b1f9c4e26") }, QStringLiteral("-2"));
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    const SchemaReplay replayed = replayer.replay(*plan);
    QVERIFY2(replayed.complete(*plan), qPrintable(replayed.failure ? replayed.failure->error.toString() : QString()));
    // The end of a downgrade is the schema of where it leads.
    Result<QString> expected = replayer.schemaAt(plan->versionRowsAfter());
    QVERIFY(expected);
    QCOMPARE(replayed.schemaAtEnd(), *expected);
    QVERIFY(*replayed.schemaBefore != *expected);
}

QTEST_GUILESS_MAIN(TestSchemaReplay)
#include "tst_schemareplay.moc"
