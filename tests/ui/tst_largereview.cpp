// The review of a long plan: 10,000 pending migrations against a fresh
// SQLite database. The window must keep answering while the plan is read
// and its SQL put together, and show every step under its own heading.

#include "editor/sqleditor.h"
#include "executortestutil.h"
#include "mainwindow.h"
#include "review/planstepmodel.h"
#include "review/reviewpage.h"

#include <QElapsedTimer>
#include <QPushButton>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace Retort;

namespace {

// A line of history like a long-lived project's, every file with an
// upgrade and a downgrade section.
void writeLinearProject(const Test::TemporaryProject &project, int count)
{
    QString parent;
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("r%1").arg(i, 5, 10, QLatin1Char('0'));
        const QString table = QStringLiteral("table_%1").arg(i % 50);
        const QString sql = i < 50 ? QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY);").arg(table)
                                   : QStringLiteral("ALTER TABLE %1 ADD COLUMN column_%2 integer;\n"
                                                    "CREATE INDEX ix_%2 ON %1 (column_%2);")
                                         .arg(table)
                                         .arg(i);
        project.writeRevision(id + QStringLiteral(".sql"),
            Test::TemporaryProject::nativeRevision(id, parent, QStringLiteral("Change %1").arg(i), {}, sql));
        parent = id;
    }
}

} // namespace

class LargeReviewTest : public QObject
{
    Q_OBJECT
private slots:
    void reviewsTenThousandPendingWhileAnswering();
};

void LargeReviewTest::reviewsTenThousandPendingWhileAnswering()
{
    constexpr int kCount = 10000;
    Test::TemporaryProject project;
    writeLinearProject(project, kCount);
    Test::ScratchDatabase database(Dialect::SQLite);

    MainWindow window;
    window.setInteractive(false);
    QVERIFY(window.openProject(project.path()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.connectToDatabase(database.settings());
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 120000));
    // Connected in the graph view: no review was planned for nobody.
    QCOMPARE(window.reviewPage()->steps()->rowCount(), 0);
    QVERIFY2(window.statusText().contains(QStringLiteral("%1 pending").arg(kCount)), qPrintable(window.statusText()));

    // A timer the window must keep answering while the review is under way.
    int ticksWhileBusy = 0;
    qint64 longestGapMs = 0;
    QElapsedTimer sinceTick;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, this, [&] {
        if (window.isBusy()) {
            ++ticksWhileBusy;
            longestGapMs = std::max(longestGapMs, sinceTick.elapsed());
        }
        sinceTick.restart();
    });
    sinceTick.start();
    timer.start();
    window.setView(MainWindow::View::Review);
    QVERIFY(window.isBusy());
    QVERIFY(QTest::qWaitFor([&window] { return !window.isBusy(); }, 300000));
    timer.stop();
    qInfo("timer ticks while reviewing: %d; longest gap between ticks: %lld ms", ticksWhileBusy, longestGapMs);
    QVERIFY2(ticksWhileBusy >= 3, qPrintable(QString::number(ticksWhileBusy)));

    ReviewPage *review = window.reviewPage();
    QCOMPARE(review->steps()->rowCount(), kCount);
    QVERIFY2(
        review->summary().contains(QStringLiteral("%1 steps will run").arg(kCount)), qPrintable(review->summary()));
    QVERIFY(review->runButton()->isEnabled());
    QVERIFY(!review->isShowingDiff());

    // Every step under its heading; selecting the last one shows its SQL.
    SqlEditor *script = review->scriptView();
    review->stepView()->setCurrentIndex(review->steps()->index(kCount - 1, 0));
    int line = 0;
    int index = 0;
    script->getCursorPosition(&line, &index);
    QCOMPARE(script->text(line).trimmed(), QStringLiteral("-- %1. upgrade r09999: Change 9999").arg(kCount));
    QCOMPARE(script->text(line + 1).trimmed(), QStringLiteral("ALTER TABLE table_49 ADD COLUMN column_9999 integer;"));
    // The heading folds the step's script.
    const int level = int(script->SendScintilla(QsciScintillaBase::SCI_GETFOLDLEVEL, static_cast<unsigned long>(line)));
    QVERIFY(level & QsciScintillaBase::SC_FOLDLEVELHEADERFLAG);
    // Highlighted where it is shown (a keyword is not plain text).
    QApplication::processEvents();
    const long position =
        script->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, static_cast<unsigned long>(line + 1));
    QVERIFY(script->SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, static_cast<unsigned long>(position)) != 0);
}

QTEST_MAIN(LargeReviewTest)
#include "tst_largereview.moc"
