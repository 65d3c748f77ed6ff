// What merging heads brings together, and moving a branch instead.
#include "graph/mergeanalysis.h"
#include "graph/rebaseplan.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;
using namespace Retort::Test;

namespace {

// Revisions from specs, with upgrade SQL for the ids in `sql`.
RevisionGraph graphOf(const QStringList &specs, const QHash<QString, QString> &sql = {})
{
    QList<Revision> revisions = Test::revisionsFromSpecs(specs);
    for (Revision &revision : revisions) {
        SqlSection section;
        section.direction = Direction::Upgrade;
        section.setUtf8(sql.value(revision.id).toUtf8());
        section.markerLine = 1;
        revision.setSections({ section });
    }
    Result<RevisionGraph> graph = RevisionGraph::build(revisions);
    if (!graph)
        qFatal("%s", qPrintable(graph.error().toString()));
    return *graph;
}

QList<int> indexes(const RevisionGraph &graph, const QStringList &names)
{
    QList<int> result;
    for (const QString &name : names)
        result.append(graph.indexOf(name));
    return result;
}

QStringList describe(const RevisionGraph &graph, const MergeAnalysis &analysis)
{
    QStringList result;
    for (const MergeAnalysis::Overlap &overlap : analysis.overlaps) {
        result.append(QStringLiteral("%1[%2] in %3")
                          .arg(overlap.table, overlap.columns.join(QLatin1Char(',')),
                              revisionIds(graph, overlap.revisions).join(QLatin1Char(','))));
    }
    return result;
}

} // namespace

class MergeRebaseTest : public QObject
{
    Q_OBJECT
private slots:
    void listsEachBranchSinceTheCommonAncestor();
    void flagsTablesBothBranchesTouch_data();
    void flagsTablesBothBranchesTouch();
    void revisionsSharedByTwoOfThreeBranchesAreNotAnOverlap();
    void demoMergeHasNoOverlapBecauseOfItsDependency();
    void refusesPointlessMerges();
    void plansARebase();
    void refusesRebasesThatWouldLoseStructure_data();
    void refusesRebasesThatWouldLoseStructure();
    void tellsWhichRevisionsADatabaseHasApplied();
};

void MergeRebaseTest::listsEachBranchSinceTheCommonAncestor()
{
    const RevisionGraph graph = graphOf({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b"),
        QStringLiteral("d<-c"), QStringLiteral("x<-b"), QStringLiteral("y<-x") });
    auto analysis =
        analyzeMerge(graph, indexes(graph, { QStringLiteral("d"), QStringLiteral("y") }), Dialect::PostgreSQL);
    QVERIFY(analysis.ok());
    QCOMPARE(revisionIds(graph, analysis->commonAncestors), QStringList { QStringLiteral("b") });
    QCOMPARE(analysis->branches.size(), 2);
    QCOMPARE(revisionIds(graph, analysis->branches.at(0).revisions),
        (QStringList { QStringLiteral("c"), QStringLiteral("d") }));
    QCOMPARE(revisionIds(graph, analysis->branches.at(1).revisions),
        (QStringList { QStringLiteral("x"), QStringLiteral("y") }));
    QVERIFY(analysis->overlaps.isEmpty());

    // Unrelated bases have nothing in common.
    const RevisionGraph twoBases = graphOf({ QStringLiteral("a"), QStringLiteral("p") });
    auto separate =
        analyzeMerge(twoBases, indexes(twoBases, { QStringLiteral("a"), QStringLiteral("p") }), Dialect::SQLite);
    QVERIFY(separate.ok());
    QVERIFY(separate->commonAncestors.isEmpty());
}

void MergeRebaseTest::flagsTablesBothBranchesTouch_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QStringList>("overlaps");
    QTest::newRow("same-column") << QStringLiteral("ALTER TABLE users ALTER COLUMN email TYPE text;")
                                 << QStringLiteral("UPDATE users SET email = lower(email) WHERE true;")
                                 << QStringList { QStringLiteral("users[email] in l,r") };
    QTest::newRow("same-table-other-columns") << QStringLiteral("ALTER TABLE users ADD COLUMN a int;")
                                              << QStringLiteral("ALTER TABLE public.users ADD COLUMN b int;")
                                              << QStringList { QStringLiteral("users[] in l,r") };
    QTest::newRow("different-tables") << QStringLiteral("ALTER TABLE users ADD COLUMN a int;")
                                      << QStringLiteral("CREATE INDEX ix ON documents (title);") << QStringList {};
    QTest::newRow("drop-against-data") << QStringLiteral("DROP TABLE sessions;")
                                       << QStringLiteral("INSERT INTO sessions (id) VALUES (1);")
                                       << QStringList { QStringLiteral("sessions[] in l,r") };
}

void MergeRebaseTest::flagsTablesBothBranchesTouch()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QStringList, overlaps);
    const RevisionGraph graph = graphOf({ QStringLiteral("a"), QStringLiteral("l<-a"), QStringLiteral("r<-a") },
        { { QStringLiteral("a"), QStringLiteral("CREATE TABLE users (id int);") }, { QStringLiteral("l"), left },
            { QStringLiteral("r"), right } });
    auto analysis =
        analyzeMerge(graph, indexes(graph, { QStringLiteral("l"), QStringLiteral("r") }), Dialect::PostgreSQL);
    QVERIFY(analysis.ok());
    QCOMPARE(describe(graph, *analysis), overlaps);
    for (const MergeAnalysis::Overlap &overlap : analysis->overlaps)
        QCOMPARE(overlap.branches, (QList<int> { 0, 1 }));
}

void MergeRebaseTest::revisionsSharedByTwoOfThreeBranchesAreNotAnOverlap()
{
    // s is on the lines of h1 and h2 but not h3: it must not overlap itself.
    const RevisionGraph graph = graphOf({ QStringLiteral("a"), QStringLiteral("s<-a"), QStringLiteral("h1<-s"),
                                            QStringLiteral("h2<-s"), QStringLiteral("h3<-a") },
        { { QStringLiteral("s"), QStringLiteral("ALTER TABLE t ADD COLUMN c int;") },
            { QStringLiteral("h3"), QStringLiteral("ALTER TABLE t ADD COLUMN c int;") } });
    auto analysis = analyzeMerge(graph,
        indexes(graph, { QStringLiteral("h1"), QStringLiteral("h2"), QStringLiteral("h3") }), Dialect::PostgreSQL);
    QVERIFY(analysis.ok());
    QCOMPARE(revisionIds(graph, analysis->commonAncestors), QStringList { QStringLiteral("a") });
    QCOMPARE(describe(graph, *analysis), QStringList { QStringLiteral("t[c] in s,h3") });
    QCOMPARE(analysis->overlaps.first().branches, (QList<int> { 0, 1, 2 }));
}

void MergeRebaseTest::demoMergeHasNoOverlapBecauseOfItsDependency()
{
    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(project.ok());
    const RevisionGraph &graph = project->graph;
    const QList<int> parents = graph.parents(graph.indexOf(QStringLiteral("d4e8c1f6b2a9"))).toList();
    auto analysis = analyzeMerge(graph, parents, Dialect::PostgreSQL);
    QVERIFY(analysis.ok());
    // 2c7d9b3e5a14 depends on the billing branch's first revision, so both
    // lines share it; what remains touches different tables.
    QCOMPARE(revisionIds(graph, analysis->commonAncestors), QStringList { QStringLiteral("4b9f1d7e2c65") });
    QCOMPARE(revisionIds(graph, analysis->branches.at(0).revisions), QStringList { QStringLiteral("9e3c6a0f8d24") });
    QCOMPARE(analysis->branches.at(1).revisions.size(), 4);
    QVERIFY(analysis->overlaps.isEmpty());
    bool touchesPlans = false;
    for (const SqlTouch &touch : analysis->branches.at(1).touches)
        touchesPlans |= touch.table == QLatin1String("plans") && touch.column == QLatin1String("max_documents");
    QVERIFY(touchesPlans);
}

void MergeRebaseTest::refusesPointlessMerges()
{
    const RevisionGraph graph = graphOf({ QStringLiteral("a"), QStringLiteral("b<-a") });
    QVERIFY(!analyzeMerge(graph, indexes(graph, { QStringLiteral("b") }), Dialect::SQLite).ok());
    auto ancestor = analyzeMerge(graph, indexes(graph, { QStringLiteral("a"), QStringLiteral("b") }), Dialect::SQLite);
    QVERIFY(!ancestor.ok());
    QVERIFY2(ancestor.error().message.contains(QStringLiteral("a is already an ancestor of b")),
        qPrintable(ancestor.error().message));
}

void MergeRebaseTest::plansARebase()
{
    const RevisionGraph graph =
        graphOf({ QStringLiteral("b"), QStringLiteral("m1<-b"), QStringLiteral("f1<-b"), QStringLiteral("f2<-f1|b") });
    auto plan = planRebase(graph, graph.indexOf(QStringLiteral("f2")), graph.indexOf(QStringLiteral("m1")));
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(graph.revision(plan->root).id, QStringLiteral("f1"));
    QCOMPARE(plan->oldDownRevisions, QStringList { QStringLiteral("b") });
    QCOMPARE(plan->newDownRevisions, QStringList { QStringLiteral("m1") });
    QCOMPARE(revisionIds(graph, plan->moved), (QStringList { QStringLiteral("f1"), QStringLiteral("f2") }));
    auto after = RevisionGraph::build(rebasedRevisions(graph, *plan));
    QVERIFY(after.ok());
    QCOMPARE(revisionIds(*after, after->heads()), QStringList { QStringLiteral("f2") });
    QCOMPARE(revisionIds(*after, after->parents(after->indexOf(QStringLiteral("f1")))),
        QStringList { QStringLiteral("m1") });
}

void MergeRebaseTest::refusesRebasesThatWouldLoseStructure_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("onto");
    QTest::addColumn<QString>("message");
    QTest::newRow("not-a-head") << QStringList { QStringLiteral("b"), QStringLiteral("m<-b"), QStringLiteral("f<-b") }
                                << QStringLiteral("b") << QStringLiteral("m") << QStringLiteral("only a head");
    QTest::newRow("starts-with-a-merge") << QStringList { QStringLiteral("b"), QStringLiteral("p<-b"),
        QStringLiteral("q<-b"), QStringLiteral("m<-p,q"), QStringLiteral("f<-p,q") }
                                         << QStringLiteral("f") << QStringLiteral("m")
                                         << QStringLiteral("starts with the merge f");
    QTest::newRow("several-starts") << QStringList { QStringLiteral("b"), QStringLiteral("x<-b"),
        QStringLiteral("y<-b"), QStringLiteral("f<-x,y"), QStringLiteral("m<-b") }
                                    << QStringLiteral("f") << QStringLiteral("m")
                                    << QStringLiteral("starts at several revisions (x, y)");
    QTest::newRow("other-branch-grows-from-it")
        << QStringList { QStringLiteral("b"), QStringLiteral("m<-b"), QStringLiteral("f1<-b"), QStringLiteral("f2<-f1"),
               QStringLiteral("g<-f1") }
        << QStringLiteral("f2") << QStringLiteral("m") << QStringLiteral("f1 is also the parent of g");
    QTest::newRow("dependency-would-make-a-cycle")
        << QStringList { QStringLiteral("b"), QStringLiteral("f1<-b"), QStringLiteral("m<-b|f1") }
        << QStringLiteral("f1") << QStringLiteral("m") << QStringLiteral("would not leave a valid graph");
}

void MergeRebaseTest::refusesRebasesThatWouldLoseStructure()
{
    QFETCH(QStringList, specs);
    QFETCH(QString, branch);
    QFETCH(QString, onto);
    QFETCH(QString, message);
    const RevisionGraph graph = graphOf(specs);
    auto plan = planRebase(graph, graph.indexOf(branch), graph.indexOf(onto));
    QVERIFY(!plan.ok());
    QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
}

void MergeRebaseTest::tellsWhichRevisionsADatabaseHasApplied()
{
    const RevisionGraph graph =
        graphOf({ QStringLiteral("b"), QStringLiteral("m1<-b"), QStringLiteral("f1<-b"), QStringLiteral("f2<-f1") });
    const QList<int> branch = indexes(graph, { QStringLiteral("f1"), QStringLiteral("f2") });
    QCOMPARE(appliedAmong(graph, { QStringLiteral("m1") }, branch), QList<int>());
    QCOMPARE(revisionIds(graph, appliedAmong(graph, { QStringLiteral("m1"), QStringLiteral("f1") }, branch)),
        QStringList { QStringLiteral("f1") });
    QCOMPARE(appliedAmong(graph, { QStringLiteral("unknown") }, branch), QList<int>());
}

QTEST_GUILESS_MAIN(MergeRebaseTest)
#include "tst_mergerebase.moc"
