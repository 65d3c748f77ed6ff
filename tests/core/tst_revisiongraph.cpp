#include "graph/revisiongraph.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;

namespace {

QList<Revision> revisions(const QStringList &specs)
{
    return Test::revisionsFromSpecs(specs);
}

QStringList ids(const RevisionGraph &graph, const QList<int> &indexes)
{
    QStringList result;
    for (int index : indexes)
        result.append(graph.revision(index).id);
    return result;
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
    void loadsTheDemoProject();
};

void RevisionGraphTest::linksParentsAndChildren()
{
    auto graph =
        RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a") }));
    QVERIFY(graph.ok());
    const int a = graph->indexOf(QStringLiteral("a"));
    QCOMPARE(ids(*graph, graph->children(a)), (QStringList { QStringLiteral("b"), QStringLiteral("c") }));
    QCOMPARE(ids(*graph, graph->parents(graph->indexOf(QStringLiteral("c")))), QStringList { QStringLiteral("a") });
    QCOMPARE(graph->indexOf(QStringLiteral("nope")), -1);
}

void RevisionGraphTest::findsHeadsBasesBranchAndMergePoints()
{
    // a - b - d (merge of b, c) - e
    //  \- c -/
    // x (a second, unconnected base) - y
    auto graph = RevisionGraph::build(revisions({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("e<-d"), QStringLiteral("x"), QStringLiteral("y<-x") }));
    QVERIFY(graph.ok());
    QCOMPARE(ids(*graph, graph->heads()), (QStringList { QStringLiteral("e"), QStringLiteral("y") }));
    QCOMPARE(ids(*graph, graph->bases()), (QStringList { QStringLiteral("a"), QStringLiteral("x") }));
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
    QCOMPARE(
        ids(*graph, graph->dependencies(graph->indexOf(QStringLiteral("y")))), QStringList { QStringLiteral("b") });
    QCOMPARE(
        ids(*graph, graph->dependencies(graph->indexOf(QStringLiteral("z")))), QStringList { QStringLiteral("a") });
    QCOMPARE(ids(*graph, graph->dependents(graph->indexOf(QStringLiteral("b")))), QStringList { QStringLiteral("y") });
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
        for (int parent : graph->parents(index) + graph->dependencies(index))
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
            qPrintable(graph.revision(i).filePath));
        QVERIFY2(
            graph.revision(i).section(Direction::Downgrade, Dialect::SQLite), qPrintable(graph.revision(i).filePath));
    }
    QVERIFY(mergePoints >= 1);
    QVERIFY(branchPoints >= 1);
    QVERIFY(labelled >= 1);
    QVERIFY(withDependencies >= 1);
    QVERIFY(nonTransactional >= 1);
}

QTEST_GUILESS_MAIN(RevisionGraphTest)
#include "tst_revisiongraph.moc"
