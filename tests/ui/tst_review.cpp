#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "graph/planner.h"
#include "graph/revisiongraphmodel.h"
#include "mainwindow.h"
#include "review/diffview.h"
#include "review/planstepmodel.h"
#include "review/reviewpage.h"
#include "run/rundialog.h"

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace Retort;
using Retort::Test::migrateTo;

namespace {

bool waitUntilIdle(const MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy(); }, 30000);
}

QStringList stepIds(const PlanStepModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, PlanStepModel::RevisionColumn).data().toString());
    return ids;
}

// Every revision after (upgrades) or before (downgrades) the ones it
// stands on, through down_revision and depends_on.
bool ordered(const RevisionGraph &graph, const QStringList &ids, Direction direction)
{
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const int index = graph.indexOf(ids.at(i));
        for (int predecessor : graph.parents(index).toList() + graph.dependencies(index).toList()) {
            const qsizetype at = ids.indexOf(graph.revision(predecessor).id);
            if (at >= 0 && (direction == Direction::Upgrade ? at > i : at < i))
                return false;
        }
    }
    return true;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

} // namespace

class ReviewTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void listsTheStepsForADatabaseAtARevision_data();
    void listsTheStepsForADatabaseAtARevision();
    void reviewsAStamp_data();
    void reviewsAStamp();
    void showsScriptsEditedSinceTheyRan_data();
    void showsScriptsEditedSinceTheyRan();
};

void ReviewTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void ReviewTest::listsTheStepsForADatabaseAtARevision_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("at"); // where the database is; empty: a new database
    QTest::addColumn<ReviewMode>("mode");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("steps"); // as a set; the order is checked against the graph
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");

    // After the branch point: both branches, the merge, and what follows it.
    const QStringList afterBranchPoint { QStringLiteral("4b9f1d7e2c65"), QStringLiteral("9e3c6a0f8d24"),
        QStringLiteral("6c1e8b4d9a37"), QStringLiteral("a8d5f2c7e019"), QStringLiteral("2c7d9b3e5a14"),
        QStringLiteral("f03b7a9e6d52"), QStringLiteral("d4e8c1f6b2a9"), QStringLiteral("5f2a8c6e1d93"),
        QStringLiteral("7d3b1f9c4e26"), QStringLiteral("b0e6d4a2f8c5") };
    for (const QString &dialect : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        QTest::addRow("%s-branch-point-upgrade-to-heads", qPrintable(dialect))
            << dialect << QStringLiteral("e2a47c9d5b18") << ReviewMode::Upgrade << QStringLiteral("heads")
            << afterBranchPoint << QString() << QStringLiteral("b0e6d4a2f8c5");
        QTest::addRow("%s-head-downgrade-to-branch-point", qPrintable(dialect))
            << dialect << QStringLiteral("b0e6d4a2f8c5") << ReviewMode::Downgrade << QStringLiteral("e2a47c9d5b18")
            << afterBranchPoint << QStringLiteral("b0e6d4a2f8c5") << QString();
        QTest::addRow("%s-new-database-to-billing-branch", qPrintable(dialect))
            << dialect << QString() << ReviewMode::Upgrade << QStringLiteral("9e3c6a0f8d24")
            << QStringList { QStringLiteral("3f1c9a2b7d40"), QStringLiteral("8a4e0c5d1f92"),
                   QStringLiteral("b71d2e9f3a06"), QStringLiteral("c5902f4e8b1d"), QStringLiteral("0d6b8e1a4c73"),
                   QStringLiteral("e2a47c9d5b18"), QStringLiteral("4b9f1d7e2c65"), QStringLiteral("9e3c6a0f8d24") }
            << QStringLiteral("3f1c9a2b7d40") << QStringLiteral("9e3c6a0f8d24");
        QTest::addRow("%s-at-head-nothing-to-run", qPrintable(dialect))
            << dialect << QStringLiteral("b0e6d4a2f8c5") << ReviewMode::Upgrade << QStringLiteral("heads")
            << QStringList() << QString() << QString();
    }
}

void ReviewTest::listsTheStepsForADatabaseAtARevision()
{
    QFETCH(QString, dialect);
    QFETCH(QString, at);
    QFETCH(ReviewMode, mode);
    QFETCH(QString, target);
    QFETCH(QStringList, steps);
    QFETCH(QString, first);
    QFETCH(QString, last);
    Test::ScratchDatabase database(Test::dialectFromName(dialect));
    if (!database.isValid())
        QSKIP("no PostgreSQL server: run the tests with ./dev test");
    const Project project = *ProjectLoader::load(Test::demoProjectDirectory());
    if (!at.isEmpty())
        QVERIFY(migrateTo(project, database.settings(), at));

    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    // The status bar and the graph know where the database is.
    const QString status = window.statusText();
    QVERIFY2(
        status.contains(at.isEmpty() ? QStringLiteral("At: base") : QStringLiteral("At: ") + at), qPrintable(status));
    if (!at.isEmpty()) {
        RevisionGraphModel *model = window.graphModel();
        QCOMPARE(model->state(project.graph.indexOf(at)), RevisionState::Current);
        for (int parent : project.graph.parents(project.graph.indexOf(at)))
            QCOMPARE(model->state(parent), RevisionState::Applied);
    }

    window.setView(MainWindow::View::Review);
    ReviewPage *review = window.reviewPage();
    review->request(mode, target);
    QVERIFY(waitUntilIdle(window));
    const PlanStepModel &model = *review->steps();
    const QStringList ids = stepIds(model);
    QCOMPARE(sorted(ids), sorted(steps));
    const Direction direction = mode == ReviewMode::Downgrade ? Direction::Downgrade : Direction::Upgrade;
    QVERIFY2(ordered(project.graph, ids, direction), qPrintable(ids.join(QLatin1Char(' '))));
    if (!first.isEmpty())
        QCOMPARE(ids.first(), first);
    if (!last.isEmpty())
        QCOMPARE(ids.last(), last);
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.index(row, PlanStepModel::OrderColumn).data().toInt(), row + 1);
        QCOMPARE(model.index(row, PlanStepModel::DirectionColumn).data().toString(),
            direction == Direction::Upgrade ? QStringLiteral("↑ upgrade") : QStringLiteral("↓ downgrade"));
        // The non-transactional revision says so.
        const bool transactional = project.graph.revision(project.graph.indexOf(ids.at(row))).transactional;
        QCOMPARE(model.index(row, PlanStepModel::TransactionColumn).data().toString(),
            transactional ? QStringLiteral("yes") : QStringLiteral("no"));
    }
    if (steps.isEmpty()) {
        QVERIFY2(review->summary().contains(QLatin1String("Nothing to run")), qPrintable(review->summary()));
        // Nothing to run: Run says so instead of opening an empty dialog.
        QVERIFY(!review->runButton()->isEnabled());
        QVERIFY2(review->runButton()->toolTip().contains(QLatin1String("Nothing to run")),
            qPrintable(review->runButton()->toolTip()));
        return;
    }
    // Every step's SQL as SQL, not as a diff against nothing; selecting a
    // step brings its heading and then the SQL it will run, for this database.
    QVERIFY(!review->isShowingDiff());
    for (int row : { 0, int(ids.size()) - 1 }) {
        review->stepView()->setCurrentIndex(model.index(row, 0));
        const int index = project.graph.indexOf(ids.at(row));
        const std::optional<SqlSection> section = project.graph.revision(index).section(direction, database.settings().dialect);
        QVERIFY(section);
        int line = 0;
        int column = 0;
        review->scriptView()->getCursorPosition(&line, &column);
        QVERIFY2(review->scriptView()->text(line).startsWith(QStringLiteral("-- %1. ").arg(row + 1)),
            qPrintable(review->scriptView()->text(line)));
        const QStringList sql = section->sql().trimmed().split(QLatin1Char('\n'));
        QStringList shown;
        for (int i = 0; i < sql.size(); ++i)
            shown.append(review->scriptView()->text(line + 1 + i).remove(QLatin1Char('\n')).remove(QLatin1Char('\r')));
        QCOMPARE(shown, sql);
    }
    // Run leads to the guided run of the same plan.
    QVERIFY(review->runButton()->isEnabled());
    review->runButton()->click();
    RunDialog *run = window.findChild<RunDialog *>();
    QVERIFY(run);
    QCOMPARE(run->mode(), mode);
    QSignalSpy planned(run, &RunDialog::planned);
    QVERIFY(planned.wait(30000));
    QCOMPARE(run->steps()->rowCount(), model.rowCount());
    run->reject();
    QVERIFY2(review->summary().contains(QObject::tr("%n step(s) will run", nullptr, int(steps.size()))),
        qPrintable(review->summary()));
}

void ReviewTest::reviewsAStamp_data()
{
    QTest::addColumn<QString>("at");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("rowsAfter");
    QTest::addColumn<QStringList>("newlyApplied");
    QTest::addColumn<int>("newlyUnapplied");
    QTest::newRow("up-the-billing-branch")
        << QStringLiteral("e2a47c9d5b18") << QStringLiteral("9e3c6a0f8d24")
        << QStringList { QStringLiteral("9e3c6a0f8d24") }
        << QStringList { QStringLiteral("4b9f1d7e2c65"), QStringLiteral("9e3c6a0f8d24") } << 0;
    QTest::newRow("down-to-the-branch-point") << QStringLiteral("b0e6d4a2f8c5") << QStringLiteral("e2a47c9d5b18")
                                              << QStringList { QStringLiteral("e2a47c9d5b18") } << QStringList() << 10;
}

void ReviewTest::reviewsAStamp()
{
    QFETCH(QString, at);
    QFETCH(QString, target);
    QFETCH(QStringList, rowsAfter);
    QFETCH(QStringList, newlyApplied);
    QFETCH(int, newlyUnapplied);
    Test::ScratchDatabase database(Dialect::SQLite);
    const Project project = *ProjectLoader::load(Test::demoProjectDirectory());
    QVERIFY(migrateTo(project, database.settings(), at));
    MainWindow window;
    QVERIFY(window.openProject(Test::demoProjectDirectory()));
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    ReviewPage *review = window.reviewPage();
    review->request(ReviewMode::Stamp, target);
    QVERIFY(waitUntilIdle(window));
    const Review &result = review->steps()->review();
    QCOMPARE(review->steps()->rowCount(), 0); // nothing runs
    QCOMPARE(result.plan.versionRowsBefore, QStringList { at });
    QCOMPARE(result.stampedRows, rowsAfter);
    QStringList applied;
    for (int index : result.newlyApplied)
        applied.append(project.graph.revision(index).id);
    QCOMPARE(sorted(applied), sorted(newlyApplied));
    QCOMPARE(int(result.newlyUnapplied.size()), newlyUnapplied);
    // The diff is the version table's.
    QCOMPARE(review->diff()->unifiedText(), QStringLiteral("-%1\n+%2").arg(at, rowsAfter.join(QLatin1String("\n+"))));
    QVERIFY2(review->summary().contains(QLatin1String("runs no SQL")), qPrintable(review->summary()));
}

void ReviewTest::showsScriptsEditedSinceTheyRan_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void ReviewTest::showsScriptsEditedSinceTheyRan()
{
    QFETCH(QString, dialect);
    Test::ScratchDatabase database(Test::dialectFromName(dialect));
    if (!database.isValid())
        QSKIP("no PostgreSQL server: run the tests with ./dev test");
    Test::TemporaryProject copy; // a copy of the demo project, which the test changes
    copy.copyFrom(Test::demoProjectDirectory());
    const Project project = *ProjectLoader::load(copy.path());
    QVERIFY(migrateTo(project, database.settings(), QStringLiteral("c5902f4e8b1d")));
    // Someone edits an applied revision afterwards.
    const QString path = project.graph.revision(project.graph.indexOf(QStringLiteral("8a4e0c5d1f92"))).filePath();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString before = QString::fromUtf8(file.readAll());
    file.close();
    QString after = before;
    // In both dialects' sections.
    after.replace(QLatin1String("display_name text NOT NULL DEFAULT '',"),
        QLatin1String("display_name text NOT NULL DEFAULT 'anonymous',"));
    QVERIFY(after != before);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(after.toUtf8());
    file.close();

    MainWindow window;
    QVERIFY(window.openProject(copy.path()));
    window.connectToDatabase(database.settings());
    QVERIFY(waitUntilIdle(window));
    ReviewPage *review = window.reviewPage();
    review->request(ReviewMode::Upgrade, QStringLiteral("heads"));
    QVERIFY(waitUntilIdle(window));
    QCOMPARE(review->steps()->review().edited.size(), 1);
    QCOMPARE(review->editedList()->count(), 1);
    QVERIFY(review->editedList()->item(0)->text().startsWith(QLatin1String("8a4e0c5d1f92 Create users")));
    QVERIFY2(review->summary().contains(QLatin1String("1 applied revision changed since they ran")),
        qPrintable(review->summary()));
    // Selecting it compares what ran with the file now: the edited line.
    review->editedList()->setCurrentRow(0);
    const QStringList diff = review->diff()->unifiedText().split(QLatin1Char('\n'));
    QStringList changed;
    for (const QString &line : diff) {
        if (!line.startsWith(QLatin1Char(' ')))
            changed.append(line);
    }
    QCOMPARE(changed,
        (QStringList { QStringLiteral("-    display_name text NOT NULL DEFAULT '',"),
            QStringLiteral("+    display_name text NOT NULL DEFAULT 'anonymous',") }));
}

QTEST_MAIN(ReviewTest)
#include "tst_review.moc"
