#include "graph/lanelayout.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Retort;

namespace {

// A picture written as a raw string literal that starts on its own line.
QString picture(const char *text)
{
    return QString::fromUtf8(text).mid(1);
}

// A graph shaped like a long-lived project: mostly a line of history, with
// branches that live for a while and are merged back, heads left open,
// extra bases and depends_on edges between branches. Same seed, same graph.
QStringList generatedSpecs(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    QStringList specs;
    QStringList open; // revisions that have no child yet
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("r%1").arg(i);
        QString spec = id;
        const int roll = random.bounded(100);
        if (open.isEmpty() || roll < 2) {
            open.append(id); // a new base
        } else if (roll < 12 && open.size() > 1) {
            const QString first = open.takeAt(random.bounded(int(open.size())));
            const QString second = open.takeAt(random.bounded(int(open.size())));
            spec += QStringLiteral("<-%1,%2").arg(first, second);
            open.append(id);
        } else {
            const int at = random.bounded(int(open.size()));
            spec += QStringLiteral("<-") + open.at(at);
            if (roll >= 85) // a branch point: the parent stays open
                open.append(id);
            else
                open[at] = id;
        }
        if (i > 10 && random.bounded(100) < 4)
            spec += QStringLiteral("|r%1").arg(random.bounded(i - 5));
        specs.append(spec);
    }
    return specs;
}

} // namespace

class LaneLayoutTest : public QObject
{
    Q_OBJECT
private slots:
    void drawsTheGraph_data();
    void drawsTheGraph();
    void drawsTheDemoProject();
    void lanesJoinUpRowToRow_data();
    void lanesJoinUpRowToRow();
};

void LaneLayoutTest::drawsTheGraph_data()
{
    QTest::addColumn<QStringList>("specs");
    QTest::addColumn<QString>("picture");
    QTest::newRow("linear") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b") }
                            << picture(R"(
*  c
|
*  b
|
*  a
)");
    QTest::newRow("branch-and-merge") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"),
        QStringLiteral("c<-a"), QStringLiteral("d<-b,c") }
                                      << picture(R"(
*    d
|\
| *  c
| |
* |  b
|/
*    a
)");
    QTest::newRow("criss-cross") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("e<-b,c"), QStringLiteral("f<-d,e") }
                                 << picture(R"(
*        f
|\
| *      e
| |\
* | |    d
|-|-|\
| | |/
| | *    c
|/  |
*   |    b
|__/
*        a
)");
    QTest::newRow("several-bases-merged") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"),
        QStringLiteral("x"), QStringLiteral("y<-x"), QStringLiteral("m<-b,y") }
                                          << picture(R"(
*    m
|\
| *  y
| |
| *  x
|
*    b
|
*    a
)");
    QTest::newRow("two-unrelated-bases") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"),
        QStringLiteral("x"), QStringLiteral("y<-x") }
                                         << picture(R"(
*  y
|
*  x

*  b
|
*  a
)");
    QTest::newRow("several-heads") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b") } << picture(R"(
*    d
|
*    b
|
| *  c
|/
*    a
)");
    QTest::newRow("merge-of-three-heads") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"),
        QStringLiteral("c<-a"), QStringLiteral("d<-a"), QStringLiteral("m<-b,c,d") }
                                          << picture(R"(
*      m
|\-\
| | *  d
| | |
| * |  c
| | |
* | |  b
|/_/
*      a
)");
    QTest::newRow("depends-on-across-branches") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a#billing"),
        QStringLiteral("c<-a"), QStringLiteral("d<-c|billing") }
                                                << picture(R"(
*    d
|\
* :  c
| :
| *  b
|/
*    a
)");
    QTest::newRow("depends-on-a-base") << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"),
        QStringLiteral("x|a"), QStringLiteral("y<-x") }
                                       << picture(R"(
*    y
|
*    x
:
: *  b
 \|
  *  a
)");
}

void LaneLayoutTest::drawsTheGraph()
{
    QFETCH(QStringList, specs);
    QFETCH(QString, picture);
    auto graph = RevisionGraph::build(Test::revisionsFromSpecs(specs));
    QVERIFY(graph.ok());
    const QString actual = LaneLayout::compute(*graph).toAscii(*graph);
    if (actual != picture)
        qWarning().noquote() << "\n" << actual;
    QCOMPARE(actual, picture);
}

void LaneLayoutTest::drawsTheDemoProject()
{
    Result<Project> project = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(project.ok());
    const QString actual = LaneLayout::compute(project->graph).toAscii(project->graph);
    QString difference;
    QVERIFY2(Test::matchesGoldenFile(
                 actual, Test::testDataDirectory() + QStringLiteral("/lanelayout/reference/demo.txt"), &difference),
        qPrintable(difference));
}

void LaneLayoutTest::lanesJoinUpRowToRow_data()
{
    drawsTheGraph_data();
    for (quint32 seed : { 1u, 2u, 3u })
        QTest::addRow("generated-%u", seed) << generatedSpecs(800, seed) << QString();
}

// Follows every lane of the layout from the revision it starts at down to
// the revision it ends at, and checks that this gives back exactly the
// graph's parent and depends_on edges, with nothing left dangling.
void LaneLayoutTest::lanesJoinUpRowToRow()
{
    QFETCH(QStringList, specs); // and an unused picture
    auto graph = RevisionGraph::build(Test::revisionsFromSpecs(specs));
    QVERIFY2(graph.ok(), qPrintable(graph ? QString() : graph.error().toString()));
    const LaneLayout layout = LaneLayout::compute(*graph);
    QCOMPARE(layout.rowCount(), graph->size());

    const auto cell = [&layout](int row, int column) -> LaneCell {
        const std::span<const LaneCell> cells = layout.cells(row);
        return column < int(cells.size()) ? cells[column] : LaneCell(0);
    };
    QMultiHash<int, QString> expected;
    for (int revision = 0; revision < graph->size(); ++revision) {
        QCOMPARE(layout.revisionAt(layout.rowOf(revision)), revision);
        for (int parent : graph->parents(revision))
            expected.insert(revision, QStringLiteral("parent ") + graph->revision(parent).id);
        for (int dependency : graph->dependencies(revision))
            expected.insert(revision, QStringLiteral("depends_on ") + graph->revision(dependency).id);
    }
    QMultiHash<int, QString> found;
    for (int row = 0; row < layout.rowCount(); ++row) {
        const std::span<const LaneCell> cells = layout.cells(row);
        int nodes = 0;
        for (int column = 0; column < int(cells.size()); ++column) {
            if (cells[column] & LaneNode) {
                ++nodes;
                QCOMPARE(column, layout.nodeColumn(row));
            }
        }
        QCOMPARE(nodes, 1);
        for (int column = 0; column < layout.columnCount(); ++column) {
            const LaneCell here = cell(row, column);
            const LaneCell below = row + 1 < layout.rowCount() ? cell(row + 1, column) : LaneCell(0);
            // The bottom of a row is the top of the next one.
            QCOMPARE(bool(here & LaneDown), bool(below & LaneUp));
            QCOMPARE(bool(here & LaneDownIsDependency), bool(below & LaneUpIsDependency));
            if (row == 0)
                QVERIFY(!(here & LaneUp));
            if (!(here & LaneDownFromNode))
                continue;
            int end = row + 1;
            while (end < layout.rowCount() && !(cell(end, column) & LaneUpToNode)) {
                QVERIFY2(cell(end, column) & LaneDown,
                    qPrintable(QStringLiteral("lane %1 broken at row %2").arg(column).arg(end)));
                ++end;
            }
            QVERIFY(end < layout.rowCount());
            found.insert(layout.revisionAt(row),
                QLatin1String(here & LaneDownIsDependency ? "depends_on " : "parent ") +
                    graph->revision(layout.revisionAt(end)).id);
        }
    }
    for (int revision = 0; revision < graph->size(); ++revision) {
        QStringList want = expected.values(revision);
        QStringList got = found.values(revision);
        want.sort();
        got.sort();
        QCOMPARE(got, want);
    }
}

QTEST_GUILESS_MAIN(LaneLayoutTest)
#include "tst_lanelayout.moc"
