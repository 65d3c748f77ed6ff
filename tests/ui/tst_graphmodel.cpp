#include "graph/lanelayout.h"
#include "graph/plaintextdelegate.h"
#include "graph/revisionfilterproxy.h"
#include "graph/revisiongraphmodel.h"
#include "project/projectloader.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QTest>

using namespace Retort;
using namespace Qt::StringLiterals;

namespace {

Project projectFromSpecs(const QStringList &specs)
{
    Project project;
    project.directory = QStringLiteral("/project");
    auto graph = RevisionGraph::build(Test::revisionsFromSpecs(specs));
    if (!graph)
        qFatal("%s", qPrintable(graph.error().toString()));
    project.graph = *graph;
    return project;
}

QStringList column(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, column).data(role).toString());
    return result;
}

} // namespace

class GraphModelTest : public QObject
{
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void showsRowsInLaneOrderWithTheirLanes();
    void marksHeadsBasesMergesAndBranchPoints();
    void showsTheDatabaseState();
    void keepsTheStateAcrossAReload();
    void filtersByIdMessageAndLabel_data();
    void filtersByIdMessageAndLabel();
    void hidesLanesWhileFiltering();
    void plainTextCellsLookAsTheStyleDrawsThem_data();
    void plainTextCellsLookAsTheStyleDrawsThem();
};

void GraphModelTest::passesTheModelTester()
{
    RevisionGraphModel model;
    RevisionFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Result<Project> demo = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(demo.ok());
    model.setProject(*demo);
    QCOMPARE(model.rowCount(), demo->graph.size());
    model.setDatabaseState(true, { QStringLiteral("e2a47c9d5b18") }, {});
    proxy.setFilterText(QStringLiteral("create"));
    proxy.setFilterText(QString());
    model.setProject(projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a") }));
    QCOMPARE(proxy.rowCount(), 2);
}

void GraphModelTest::showsRowsInLaneOrderWithTheirLanes()
{
    RevisionGraphModel model;
    const Project project = projectFromSpecs(
        { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"), QStringLiteral("d<-b,c") });
    model.setProject(project);
    const LaneLayout layout = LaneLayout::compute(project.graph);
    QCOMPARE(column(model, RevisionGraphModel::RevisionColumn),
        (QStringList { QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a") }));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, RevisionGraphModel::GraphColumn);
        const QByteArray cells = index.data(RevisionGraphModel::LaneCellsRole).toByteArray();
        const std::span<const LaneCell> expected = layout.cells(row);
        QCOMPARE(cells, QByteArray(reinterpret_cast<const char *>(expected.data()), qsizetype(expected.size())));
        QCOMPARE(index.data(RevisionGraphModel::NodeColumnRole).toInt(), layout.nodeColumn(row));
        QCOMPARE(index.data(RevisionGraphModel::LaneCountRole).toInt(), 2);
    }
    QCOMPARE(model.rowOf(QStringLiteral("b")), 2);
    QCOMPARE(model.rowOf(QStringLiteral("nope")), -1);
    QCOMPARE(model.index(0, RevisionGraphModel::MessageColumn).data().toString(), QStringLiteral("revision d"));
}

void GraphModelTest::marksHeadsBasesMergesAndBranchPoints()
{
    RevisionGraphModel model;
    model.setProject(projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a#billing"), QStringLiteral("c<-a"),
        QStringLiteral("d<-b,c"), QStringLiteral("e<-a|billing") }));
    const auto flags = [&model](const QString &id) {
        return model.index(model.rowOf(id), 0).data(RevisionGraphModel::FlagsRole).toInt();
    };
    QCOMPARE(flags(QStringLiteral("a")), RevisionGraphModel::BaseFlag | RevisionGraphModel::BranchPointFlag);
    QCOMPARE(flags(QStringLiteral("d")), RevisionGraphModel::HeadFlag | RevisionGraphModel::MergePointFlag);
    QCOMPARE(flags(QStringLiteral("e")), RevisionGraphModel::HeadFlag | RevisionGraphModel::HasDependenciesFlag);
    QCOMPARE(flags(QStringLiteral("c")), 0);
    QCOMPARE(model.index(model.rowOf(QStringLiteral("b")), 0).data(RevisionGraphModel::BranchLabelsRole).toStringList(),
        QStringList { QStringLiteral("billing") });
    const QString tip = model.index(model.rowOf(QStringLiteral("d")), 0).data(Qt::ToolTipRole).toString();
    QVERIFY2(
        tip.contains(QLatin1String("merge point")) && tip.contains(QLatin1String("Parents: b, c")), qPrintable(tip));
}

void GraphModelTest::showsTheDatabaseState()
{
    RevisionGraphModel model;
    const Project project = projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b") });
    model.setProject(project);
    const auto state = [&model](const QString &id) {
        return RevisionState(model.index(model.rowOf(id), 0).data(RevisionGraphModel::StateRole).toInt());
    };
    QCOMPARE(state(QStringLiteral("a")), RevisionState::Unknown);
    QCOMPARE(model.index(0, RevisionGraphModel::StateColumn).data().toString(), QString());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDatabaseState(true, { QStringLiteral("b") }, { project.graph.indexOf(QStringLiteral("a")) });
    QCOMPARE(changed.size(), 1);
    QCOMPARE(state(QStringLiteral("a")), RevisionState::Applied);
    QCOMPARE(state(QStringLiteral("b")), RevisionState::Current);
    QCOMPARE(state(QStringLiteral("c")), RevisionState::Pending);
    QCOMPARE(column(model, RevisionGraphModel::StateColumn),
        (QStringList { QStringLiteral("pending"), QStringLiteral("current"), QStringLiteral("applied") }));
    // Current revisions are bold, pending ones italic.
    QVERIFY(model.index(1, RevisionGraphModel::MessageColumn).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(model.index(0, RevisionGraphModel::MessageColumn).data(Qt::FontRole).value<QFont>().italic());

    model.setDatabaseState(false, {}, {});
    QCOMPARE(state(QStringLiteral("b")), RevisionState::Unknown);
}

void GraphModelTest::keepsTheStateAcrossAReload()
{
    RevisionGraphModel model;
    model.setProject(projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a") }));
    model.setDatabaseState(true, { QStringLiteral("b") }, { 0 });
    // A pull adds a revision: until the database is read again, known
    // revisions keep their state and the new one is pending.
    model.setProject(projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b") }));
    QCOMPARE(model.state(model.graph().indexOf(QStringLiteral("a"))), RevisionState::Applied);
    QCOMPARE(model.state(model.graph().indexOf(QStringLiteral("b"))), RevisionState::Current);
    QCOMPARE(model.state(model.graph().indexOf(QStringLiteral("c"))), RevisionState::Pending);
}

void GraphModelTest::filtersByIdMessageAndLabel_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("id-prefix") << QStringLiteral("2c7d") << QStringList { QStringLiteral("2c7d9b3e5a14") };
    QTest::newRow("message-word-any-case")
        << QStringLiteral("INVOICES") << QStringList { QStringLiteral("9e3c6a0f8d24") };
    QTest::newRow("label") << QStringLiteral("billing")
                           << QStringList { QStringLiteral("d4e8c1f6b2a9"), QStringLiteral("4b9f1d7e2c65") };
    QTest::newRow("every-word-must-match")
        << QStringLiteral("create keys") << QStringList { QStringLiteral("0d6b8e1a4c73") };
    QTest::newRow("nothing") << QStringLiteral("no such thing") << QStringList();
    QTest::newRow("empty-shows-all") << QString() << QStringList();
}

void GraphModelTest::filtersByIdMessageAndLabel()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, shown);
    RevisionGraphModel model;
    RevisionFilterProxy proxy;
    proxy.setSourceModel(&model);
    Result<Project> demo = ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(demo.ok());
    model.setProject(*demo);
    proxy.setFilterText(filter);
    if (filter.isEmpty()) {
        QCOMPARE(proxy.rowCount(), demo->graph.size());
        return;
    }
    QCOMPARE(column(proxy, RevisionGraphModel::RevisionColumn), shown);
}

void GraphModelTest::hidesLanesWhileFiltering()
{
    RevisionGraphModel model;
    RevisionFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.setProject(projectFromSpecs({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-b") }));
    const auto lanes = [&proxy] {
        return proxy.index(0, RevisionGraphModel::GraphColumn).data(RevisionGraphModel::LaneCellsRole).toByteArray();
    };
    QVERIFY(!lanes().isEmpty());
    QSignalSpy changed(&proxy, &QAbstractItemModel::dataChanged);
    proxy.setFilterText(QStringLiteral("revision"));
    QCOMPARE(proxy.rowCount(), 3);
    QVERIFY(lanes().isEmpty());
    QVERIFY(!changed.isEmpty()); // the view repaints the lanes away
    proxy.setFilterText(QString());
    QVERIFY(!lanes().isEmpty());
}

QTEST_MAIN(GraphModelTest)
// Where a cell's text lands: the bounding box of the pixels that differ
// from the cell's background, and the colour of the darkest (or, on a
// selection, the lightest) of them.
struct Ink {
    QRect box;
    QColor colour;
};

static Ink inkOf(const QStyledItemDelegate &delegate, const QModelIndex &index, bool selected, int width)
{
    QImage image(width, 24, QImage::Format_ARGB32);
    const QColor background = selected ? qApp->palette().color(QPalette::Highlight) : QColor(Qt::white);
    image.fill(background);
    QStyleOptionViewItem option;
    option.palette = qApp->palette();
    option.font = qApp->font();
    option.fontMetrics = QFontMetrics(option.font);
    option.rect = image.rect();
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    if (selected)
        option.state |= QStyle::State_Selected;
    {
        QPainter painter(&image);
        delegate.paint(&painter, option, index);
    }
    Ink ink;
    int extreme = selected ? -1 : 256;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel == background)
                continue;
            ink.box |= QRect(x, y, 1, 1);
            if (selected ? pixel.lightness() > extreme : pixel.lightness() < extreme) {
                extreme = pixel.lightness();
                ink.colour = pixel;
            }
        }
    }
    return ink;
}

void GraphModelTest::plainTextCellsLookAsTheStyleDrawsThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("alignment");
    QTest::addColumn<bool>("selected");
    QTest::addColumn<int>("width");
    QTest::newRow("short") << u"Create users"_s << int(Qt::AlignLeft | Qt::AlignVCenter) << false << 300;
    QTest::newRow("selected") << u"Create users"_s << int(Qt::AlignLeft | Qt::AlignVCenter) << true << 300;
    QTest::newRow("right-aligned") << u"12 Jan 2026"_s << int(Qt::AlignRight | Qt::AlignVCenter) << false << 300;
    QTest::newRow("elided") << u"Merge billing and documents into one flow for every plan"_s
                            << int(Qt::AlignLeft | Qt::AlignVCenter) << false << 120;
}

// PlainTextDelegate draws the text itself (shaped once); it must land where
// QStyledItemDelegate puts it, in the same colour, elided the same way.
void GraphModelTest::plainTextCellsLookAsTheStyleDrawsThem()
{
    QFETCH(QString, text);
    QFETCH(int, alignment);
    QFETCH(bool, selected);
    QFETCH(int, width);
    QStandardItemModel model(1, 1);
    model.setData(model.index(0, 0), text);
    model.setData(model.index(0, 0), alignment, Qt::TextAlignmentRole);
    const QStyledItemDelegate styled;
    const PlainTextDelegate plain;
    const Ink expected = inkOf(styled, model.index(0, 0), selected, width);
    const Ink actual = inkOf(plain, model.index(0, 0), selected, width);
    QVERIFY(expected.box.isValid());
    QVERIFY2(std::abs(actual.box.left() - expected.box.left()) <= 1 &&
            std::abs(actual.box.right() - expected.box.right()) <= 1 &&
            std::abs(actual.box.top() - expected.box.top()) <= 1 &&
            std::abs(actual.box.bottom() - expected.box.bottom()) <= 1,
        qPrintable(u"text at (%1, %2)-(%3, %4), the style puts it at (%5, %6)-(%7, %8)"_s.arg(actual.box.left())
                       .arg(actual.box.top())
                       .arg(actual.box.right())
                       .arg(actual.box.bottom())
                       .arg(expected.box.left())
                       .arg(expected.box.top())
                       .arg(expected.box.right())
                       .arg(expected.box.bottom())));
    QCOMPARE(actual.colour, expected.colour);
}

#include "tst_graphmodel.moc"
