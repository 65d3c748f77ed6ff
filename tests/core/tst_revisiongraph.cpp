#include "graph/alembicorder.h"
#include "graph/revisiongraph.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;
using namespace Retort::Test;

namespace {

QList<Revision> revisions(const QStringList &specs)
{
    return Test::revisionsFromSpecs(specs);
}

} // namespace

class RevisionGraphTest : public QObject
{
    Q_OBJECT
private slots:
    void linksParentsAndChildren();
    void findsHeadsBasesBranchAndMergePoints();
    void resolvesDependsOnToRevisionsAndLabels();
    void ordersParentsBeforeChildren_data();
    void ordersParentsBeforeChildren();
    void rejectsBadGraphs_data();
    void rejectsBadGraphs();
    void knowsRealAndEffectiveHeads();
    void propagatesBranchLabelsAsAlembic_data();
    void propagatesBranchLabelsAsAlembic();
    void normalizesDependenciesImpliedByAncestors();
    void walksAncestorsAndDescendants();
    void ordersHistoryAsAlembic_data();
    void ordersHistoryAsAlembic();
    void loadsTheDemoProject();
};

void RevisionGraphTest::linksParentsAndChildren()
{
    auto graph =
        RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a") }));
    QVERIFY(graph.ok());
    const int a = graph->indexOf(QStringLiteral("a"));
    QCOMPARE(revisionIds(*graph, graph->children(a)), (QStringList { QStringLiteral("b"), QStringLiteral("c") }));
    QCOMPARE(
        revisionIds(*graph, graph->parents(graph->indexOf(QStringLiteral("c")))), QStringList { QStringLiteral("a") });
    QCOMPARE(graph->indexOf(QStringLiteral("nope")), -1);

    // A parent named twice is one edge (Alembic keeps a set); children are
    // listed in file order whatever the order of the parents' lists; the
    // parent's id stays the text the file gave.
    auto merged = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("m<-c,b,c"),
        QStringLiteral("b<-a"), QStringLiteral("c<-a"), QStringLiteral("z<-c") }));
    QVERIFY(merged.ok());
    const int m = merged->indexOf(QStringLiteral("m"));
    QCOMPARE(revisionIds(*merged, merged->parents(m)), (QStringList { QStringLiteral("c"), QStringLiteral("b") }));
    QCOMPARE(revisionIds(*merged, merged->children(merged->indexOf(QStringLiteral("c")))),
        (QStringList { QStringLiteral("m"), QStringLiteral("z") }));
    QCOMPARE(revisionIds(*merged, merged->children(merged->indexOf(QStringLiteral("a")))),
        (QStringList { QStringLiteral("b"), QStringLiteral("c") }));
    QVERIFY(merged->children(m).isEmpty());
    QCOMPARE(merged->revision(m).downRevisions,
        (QStringList { QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("c") }));
}

void RevisionGraphTest::findsHeadsBasesBranchAndMergePoints()
{
    // a - b - d (merge of b, c) - e
    //  \- c -/
    // x (a second, unconnected base) - y
    auto graph = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("e<-d"), QStringLiteral("x"), QStringLiteral("y<-x") }));
    QVERIFY(graph.ok());
    QCOMPARE(revisionIds(*graph, graph->heads()), (QStringList { QStringLiteral("e"), QStringLiteral("y") }));
    QCOMPARE(revisionIds(*graph, graph->bases()), (QStringList { QStringLiteral("a"), QStringLiteral("x") }));
    QVERIFY(graph->isBranchPoint(graph->indexOf(QStringLiteral("a"))));
    QVERIFY(!graph->isBranchPoint(graph->indexOf(QStringLiteral("b"))));
    QVERIFY(graph->isMergePoint(graph->indexOf(QStringLiteral("d"))));
    QVERIFY(!graph->isMergePoint(graph->indexOf(QStringLiteral("e"))));
}

void RevisionGraphTest::resolvesDependsOnToRevisionsAndLabels()
{
    auto graph = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a#billing"),
        QStringLiteral("x"), QStringLiteral("y<-x|billing"), QStringLiteral("z<-y|a") }));
    QVERIFY2(graph.ok(), qPrintable(graph ? QString() : graph.error().toString()));
    QCOMPARE(revisionIds(*graph, graph->dependencies(graph->indexOf(QStringLiteral("y")))),
        QStringList { QStringLiteral("b") });
    QCOMPARE(revisionIds(*graph, graph->dependencies(graph->indexOf(QStringLiteral("z")))),
        QStringList { QStringLiteral("a") });
    QCOMPARE(revisionIds(*graph, graph->dependents(graph->indexOf(QStringLiteral("b")))),
        QStringList { QStringLiteral("y") });
    // A dependency is not a child: b is still a head.
    QVERIFY(graph->isHead(graph->indexOf(QStringLiteral("b"))));
}

void RevisionGraphTest::ordersParentsBeforeChildren_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::newRow("linear") << QStringList { QStringLiteral("c<-b"), QStringLiteral("b<-a"), QStringLiteral("a") };
    QTest::newRow("merge-of-three-heads") << QStringList { QStringLiteral("m<-b,c,d"), QStringLiteral("a"),
        QStringLiteral("b<-a"), QStringLiteral("c<-a"), QStringLiteral("d<-a") };
    QTest::newRow("dependency-across-bases")
        << QStringList { QStringLiteral("y<-x|b"), QStringLiteral("x"), QStringLiteral("b<-a"), QStringLiteral("a") };
    QTest::newRow("criss-cross") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("e<-b,c"), QStringLiteral("f<-d,e") };
}

void RevisionGraphTest::ordersParentsBeforeChildren()
{
    QFETCH(QStringList, specs);
    auto graph = RevisionGraph::build(revisions(specs));
    QVERIFY(graph.ok());
    const QList<int> &order = graph->topologicalOrder();
    QCOMPARE(order.size(), graph->size());
    QList<int> position(graph->size(), -1);
    for (int i = 0; i < order.size(); ++i)
        position[order.at(i)] = i;
    for (int index = 0; index < graph->size(); ++index) {
        QVERIFY(position.at(index) >= 0);
        for (int parent : graph->parents(index).toList() + graph->dependencies(index).toList())
            QVERIFY2(position.at(parent) < position.at(index), qPrintable(graph->revision(index).id));
    }
}

void RevisionGraphTest::rejectsBadGraphs_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate-id") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("b<-a") }
                                  << QStringLiteral("versions/b.sql")
                                  << QStringLiteral("revision id b is already used by versions/b.sql");
    QTest::newRow("dangling-down-revision")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-zz") } << QStringLiteral("versions/b.sql")
        << QStringLiteral("down_revision zz of revision b is not a revision");
    QTest::newRow("dangling-depends-on")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a|nowhere") } << QStringLiteral("versions/b.sql")
        << QStringLiteral("depends_on nowhere of revision b is neither a revision nor a branch label");
    QTest::newRow("label-is-a-revision-id")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a#a") } << QStringLiteral("versions/b.sql")
        << QStringLiteral("branch label \"a\" is also the id of revision a");
    QTest::newRow("label-used-twice") << QStringList { QStringLiteral("a#x"), QStringLiteral("b<-a#x") }
                                      << QStringLiteral("versions/b.sql")
                                      << QStringLiteral("branch label \"x\" is already used by revision a");
    QTest::newRow("cycle") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a,d"), QStringLiteral("c<-b"),
        QStringLiteral("d<-c") }
                           << QStringLiteral("versions/b.sql") << QStringLiteral("b -> c -> d -> b");
    QTest::newRow("cycle-through-depends-on")
        << QStringList { QStringLiteral("a|c"), QStringLiteral("b<-a"), QStringLiteral("c<-b") }
        << QStringLiteral("versions/a.sql") << QStringLiteral("a -> b -> c -> a");
}

void RevisionGraphTest::rejectsBadGraphs()
{
    QFETCH(QStringList, specs);
    QFETCH(QString, file);
    QFETCH(QString, message);
    auto graph = RevisionGraph::build(revisions(specs));
    QVERIFY(!graph.ok());
    QCOMPARE(graph.error().file, file);
    QVERIFY2(graph.error().message.contains(message), qPrintable(graph.error().message));
}

void RevisionGraphTest::knowsRealAndEffectiveHeads()
{
    // b is a head through down_revision, but c depends on it: an effective
    // head, not a real one. x has only a dependency: a base, not a real base.
    auto graph = RevisionGraph::build(
        revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a|b"), QStringLiteral("x|a") }));
    QVERIFY(graph.ok());
    QCOMPARE(revisionIds(*graph, graph->heads()),
        (QStringList { QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("x") }));
    QCOMPARE(revisionIds(*graph, graph->realHeads()), (QStringList { QStringLiteral("c"), QStringLiteral("x") }));
    QVERIFY(graph->isEffectiveHead(graph->indexOf(QStringLiteral("b"))));
    QCOMPARE(revisionIds(*graph, graph->bases()), (QStringList { QStringLiteral("a"), QStringLiteral("x") }));
    QCOMPARE(revisionIds(*graph, graph->realBases()), QStringList { QStringLiteral("a") });
    // b and c are a's children; c is also b's dependent, so b is a real
    // branch point without being a branch point.
    QVERIFY(graph->isBranchPoint(graph->indexOf(QStringLiteral("a"))));
    QVERIFY(!graph->isBranchPoint(graph->indexOf(QStringLiteral("b"))));
    QVERIFY(!graph->isRealBranchPoint(graph->indexOf(QStringLiteral("b"))));
    auto two = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c|a") }));
    QVERIFY(two.ok());
    QVERIFY(!two->isBranchPoint(two->indexOf(QStringLiteral("a"))));
    QVERIFY(two->isRealBranchPoint(two->indexOf(QStringLiteral("a"))));
}

void RevisionGraphTest::propagatesBranchLabelsAsAlembic_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QStringList>("labelled"); // "id=label,label" for every revision that carries labels
    // A plain line carries its label from end to end, base included.
    QTest::newRow("label-on-a-plain-line") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a#x"),
        QStringLiteral("c<-b") } << QStringList { QStringLiteral("a=x"), QStringLiteral("b=x"), QStringLiteral("c=x") };
    // Below the label, the walk stops at the branch point a.
    QTest::newRow("stops-at-a-branch-point")
        << QStringList { QStringLiteral("r"), QStringLiteral("a<-r"), QStringLiteral("b<-a#x"), QStringLiteral("c<-a") }
        << QStringList { QStringLiteral("b=x") };
    // Descendants beyond a merge get the label; nothing below it does.
    QTest::newRow("descendants-through-a-merge") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a#x"),
        QStringLiteral("c"), QStringLiteral("m<-b,c"),
        QStringLiteral("n<-m") } << QStringList { QStringLiteral("b=x"), QStringLiteral("m=x"), QStringLiteral("n=x") };
    // A dependent makes b a real branch point: the walk down stops there.
    QTest::newRow("dependent-stops-the-walk")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b#x"), QStringLiteral("z|b") }
        << QStringList { QStringLiteral("c=x") };
    QTest::newRow("two-labels-on-one-line")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a#x"), QStringLiteral("c<-b#y") }
        << QStringList { QStringLiteral("a=x,y"), QStringLiteral("b=x,y"), QStringLiteral("c=x,y") };
}

void RevisionGraphTest::propagatesBranchLabelsAsAlembic()
{
    QFETCH(QStringList, specs);
    QFETCH(QStringList, labelled);
    auto graph = RevisionGraph::build(revisions(specs));
    QVERIFY(graph.ok());
    QStringList actual;
    for (int i = 0; i < graph->size(); ++i) {
        if (!graph->branchNames(i).isEmpty())
            actual.append(graph->revision(i).id + QLatin1Char('=') + graph->branchNames(i).join(QLatin1Char(',')));
    }
    actual.sort();
    QCOMPARE(actual, labelled);
}

void RevisionGraphTest::normalizesDependenciesImpliedByAncestors()
{
    // c depends on d, and so does its parent b: Alembic drops d from c's
    // direct predecessors (the dependency is implied), keeping it for b.
    auto graph = RevisionGraph::build(
        revisions({ QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("b<-a|d"), QStringLiteral("c<-b|d,a") }));
    QVERIFY(graph.ok());
    const int b = graph->indexOf(QStringLiteral("b"));
    const int c = graph->indexOf(QStringLiteral("c"));
    QCOMPARE(revisionIds(*graph, graph->dependencies(c)), (QStringList { QStringLiteral("d"), QStringLiteral("a") }));
    QCOMPARE(revisionIds(*graph, graph->normalizedDependencies(c)), QStringList { QStringLiteral("a") });
    QCOMPARE(revisionIds(*graph, graph->predecessors(c)), (QStringList { QStringLiteral("b"), QStringLiteral("a") }));
    QCOMPARE(revisionIds(*graph, graph->predecessors(b)), (QStringList { QStringLiteral("a"), QStringLiteral("d") }));
}

void RevisionGraphTest::walksAncestorsAndDescendants()
{
    auto graph = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("x"), QStringLiteral("y<-x|c") }));
    QVERIFY(graph.ok());
    QCOMPARE(revisionIds(*graph, graph->ancestors(graph->indexOf(QStringLiteral("d")))),
        (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
    QCOMPARE(revisionIds(*graph, graph->ancestors(graph->indexOf(QStringLiteral("y")))),
        (QStringList { QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("x") }));
    QCOMPARE(revisionIds(*graph, graph->descendants(graph->indexOf(QStringLiteral("c")))),
        (QStringList { QStringLiteral("d"), QStringLiteral("y") }));
    QCOMPARE(revisionIds(
                 *graph, graph->descendants({ graph->indexOf(QStringLiteral("c")) }, EdgeKind::DownRevisions).sorted()),
        (QStringList { QStringLiteral("c"), QStringLiteral("d") }));
    QVERIFY(graph->generation(graph->indexOf(QStringLiteral("y"))) >
        graph->generation(graph->indexOf(QStringLiteral("c"))));
}

void RevisionGraphTest::ordersHistoryAsAlembic_data()
{
    // Expected orders are what `alembic history` prints for these graphs
    // (checked with python3-alembic; the reference test covers thousands more).
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QStringList>("order");
    QTest::newRow("merge-walks-first-parent-line-first")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"), QStringLiteral("d<-b,c") }
        << QStringList { QStringLiteral("d"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a") };
    QTest::newRow("heads-in-file-order") << QStringList { QStringLiteral("a"), QStringLiteral("c<-a"),
        QStringLiteral("b<-a") } << QStringList { QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a") };
    QTest::newRow("two-bases") << QStringList {
        QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("x"), QStringLiteral("y<-x")
    } << QStringList { QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("y"), QStringLiteral("x") };
}

void RevisionGraphTest::ordersHistoryAsAlembic()
{
    QFETCH(QStringList, specs);
    QFETCH(QStringList, order);
    auto graph = RevisionGraph::build(revisions(specs));
    QVERIFY(graph.ok());
    QCOMPARE(revisionIds(*graph, alembicHistoryOrder(*graph)), order);
}

void RevisionGraphTest::loadsTheDemoProject()
{
    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY2(project.ok(), qPrintable(project ? QString() : project.error().toString()));
    const RevisionGraph &graph = project->graph;
    QVERIFY(graph.size() >= 12 && graph.size() <= 20);
    QCOMPARE(graph.heads().size(), 1);
    QCOMPARE(graph.bases().size(), 1);
    int mergePoints = 0, branchPoints = 0, labelled = 0, withDependencies = 0, nonTransactional = 0;
    for (int i = 0; i < graph.size(); ++i) {
        mergePoints += graph.isMergePoint(i);
        branchPoints += graph.isBranchPoint(i);
        labelled += !graph.revision(i).branchLabels.isEmpty();
        withDependencies += !graph.dependencies(i).isEmpty();
        nonTransactional += !graph.revision(i).transactional;
        QVERIFY2(graph.revision(i).section(Direction::Downgrade, Dialect::PostgreSQL),
            qPrintable(graph.revision(i).filePath()));
        QVERIFY2(
            graph.revision(i).section(Direction::Downgrade, Dialect::SQLite), qPrintable(graph.revision(i).filePath()));
    }
    QVERIFY(mergePoints >= 1);
    QVERIFY(branchPoints >= 1);
    QVERIFY(labelled >= 1);
    QVERIFY(withDependencies >= 1);
    QVERIFY(nonTransactional >= 1);
}

QTEST_GUILESS_MAIN(RevisionGraphTest)
#include "tst_revisiongraph.moc"
