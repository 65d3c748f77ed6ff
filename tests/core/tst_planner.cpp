// The planner's refusals and version rows on small readable graphs. (The
// reference suite compares thousands of plans with Alembic's; these cases
// document the behaviour others build on, and where Retort says more.)
#include "graph/planner.h"
#include "testsupport.h"

#include <QTest>

using namespace Retort;

namespace {

Result<RevisionGraph> graphOf(const QStringList &specs)
{
    return RevisionGraph::build(Test::revisionsFromSpecs(specs));
}

QStringList steps(const RevisionGraph &graph, const MigrationPlan &plan)
{
    QStringList result;
    for (const PlanStep &step : plan.steps)
        result.append(
            graph.revision(step.revision).id + QLatin1Char(':') + step.versionRowsAfter.join(QLatin1Char(',')));
    return result;
}

} // namespace

class PlannerTest : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheVersionRowsAsAlembic_data();
    void keepsTheVersionRowsAsAlembic();
    void refusesARelativeDowngradeFromSeveralHeads();
    void listsEveryCandidateOfAnAmbiguousPrefix();
    void refusesHeadWhenThereAreSeveral();
};

void PlannerTest::keepsTheVersionRowsAsAlembic_data()
{
    // Each expected step is "revision:rows after it" (checked against
    // Alembic's HeadMaintainer by the reference suite).
    QTest::addColumn<QStringList>("graph");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<bool>("upgrade");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("expected");
    const QStringList diamond { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"),
        QStringLiteral("m<-b,c") };
    QTest::newRow("upgrade-through-a-merge")
        << diamond << QStringList() << true << QStringLiteral("heads")
        << QStringList { QStringLiteral("a:a"), QStringLiteral("c:c"), QStringLiteral("b:b,c"), QStringLiteral("m:m") };
    QTest::newRow("downgrade-across-a-merge-unmerges")
        << diamond << QStringList { QStringLiteral("m") } << false << QStringLiteral("a")
        << QStringList { QStringLiteral("m:b,c"), QStringLiteral("b:c"), QStringLiteral("c:a") };
    QTest::newRow("partial-downgrade-of-one-branch")
        << QStringList { QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a"), QStringLiteral("d<-c") }
        << QStringList { QStringLiteral("b"), QStringLiteral("d") } << false << QStringLiteral("c")
        << QStringList { QStringLiteral("d:b,c") };
    QTest::newRow("dependency-pulled-in-and-absorbed")
        << QStringList { QStringLiteral("a"), QStringLiteral("x"), QStringLiteral("b<-a|x") }
        << QStringList { QStringLiteral("a") } << true << QStringLiteral("b")
        << QStringList { QStringLiteral("x:a,x"), QStringLiteral("b:b") };
}

void PlannerTest::keepsTheVersionRowsAsAlembic()
{
    QFETCH(QStringList, graph);
    QFETCH(QStringList, rows);
    QFETCH(bool, upgrade);
    QFETCH(QString, target);
    QFETCH(QStringList, expected);
    Result<RevisionGraph> built = graphOf(graph);
    QVERIFY(built.ok());
    const Planner planner(*built);
    Result<MigrationPlan> plan = upgrade ? planner.upgrade(rows, target) : planner.downgrade(rows, target);
    QVERIFY2(plan.ok(), qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(steps(*built, *plan), expected);
    QCOMPARE(plan->versionRowsBefore, rows);
}

void PlannerTest::refusesARelativeDowngradeFromSeveralHeads()
{
    Result<RevisionGraph> graph = graphOf({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a") });
    QVERIFY(graph.ok());
    Result<MigrationPlan> plan =
        Planner(*graph).downgrade({ QStringLiteral("c"), QStringLiteral("b") }, QStringLiteral("-1"));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, QStringLiteral("ambiguous-relative-downgrade"));
    QVERIFY2(plan.error().message.contains(QStringLiteral("several heads (b, c)")), qPrintable(plan.error().message));
    // Naming the branch works, as in Alembic.
    Result<MigrationPlan> named =
        Planner(*graph).downgrade({ QStringLiteral("c"), QStringLiteral("b") }, QStringLiteral("c@-1"));
    QVERIFY2(named.ok(), qPrintable(named ? QString() : named.error().toString()));
    QCOMPARE(steps(*graph, *named), QStringList { QStringLiteral("c:b") });
}

void PlannerTest::listsEveryCandidateOfAnAmbiguousPrefix()
{
    Result<RevisionGraph> graph =
        graphOf({ QStringLiteral("ae1027a6acf2"), QStringLiteral("ae1028000001<-ae1027a6acf2"),
            QStringLiteral("ae1029000002<-ae1028000001"), QStringLiteral("ae10ff000003<-ae1029000002#ae10tail") });
    QVERIFY(graph.ok());
    Result<QList<int>> found = TargetResolver(*graph).revisions(QStringLiteral("ae10"));
    QVERIFY(!found.ok());
    QCOMPARE(found.error().code, TargetError::Resolution);
    // Alembic lists the first three; Retort every one, labels included.
    QCOMPARE(found.error().message,
        QStringLiteral("multiple revisions start with 'ae10': ae1027a6acf2, ae1028000001, ae1029000002, ae10ff000003, "
                       "ae10tail"));
}

void PlannerTest::refusesHeadWhenThereAreSeveral()
{
    Result<RevisionGraph> graph = graphOf({ QStringLiteral("a"), QStringLiteral("b<-a"), QStringLiteral("c<-a") });
    QVERIFY(graph.ok());
    Result<MigrationPlan> plan = Planner(*graph).upgrade({}, QStringLiteral("head"));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, TargetError::MultipleHeads);
    QVERIFY2(plan.error().message.contains(QStringLiteral("'head' (b, c)")), qPrintable(plan.error().message));
}

QTEST_GUILESS_MAIN(PlannerTest)
#include "tst_planner.moc"
