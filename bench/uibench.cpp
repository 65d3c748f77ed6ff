// Opens a project in the main window offscreen and measures what a user
// waits for: loading and laying out the graph, the first paint, and each
// frame while paging down through the whole graph. Prints one JSON object.
// Run through bench/ui.py (./dev bench ui), which makes the projects.

#include "db/connectionsettings.h"
#include "editor/sqleditor.h"
#include "graph/graphpage.h"
#include "graph/lanelayout.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"
#include "review/planstepmodel.h"
#include "review/reviewpage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <time.h>

namespace {

// Notices when a widget has finished painting.
class PaintWatch : public QObject
{
public:
    bool painted = false;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // The paint itself happens right after, in the same event loop pass.
        if (watched && event->type() == QEvent::Paint)
            painted = true;
        return false;
    }
};

double milliseconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

// Time measured as CPU time of the calling (GUI) thread: the machines this
// runs on are shared, and a build running beside the benchmark must not
// count as the window's time. Wall time is reported for opening too.
class CpuTimer
{
public:
    void start() { m_start = now(); }
    qint64 restart()
    {
        const qint64 elapsed = nsecsElapsed();
        start();
        return elapsed;
    }
    qint64 nsecsElapsed() const { return now() - m_start; }

private:
    static qint64 now()
    {
        timespec time {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
        return qint64(time.tv_sec) * 1000000000 + time.tv_nsec;
    }
    qint64 m_start = 0;
};

long peakMemoryKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool waitUntilIdle(const Retort::MainWindow &window)
{
    QElapsedTimer timeout;
    timeout.start();
    while (window.isBusy()) {
        if (timeout.elapsed() > 600000)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// The review of every pending migration against a fresh SQLite database:
// from showing the Review view to the plan's SQL painted, as wall time
// (the plan is read and its script made on worker threads) and as the
// GUI thread's CPU time, with the longest the window went without
// answering a 10 ms timer.
int reviewBenchmark(const QString &directory, const QString &databaseFile)
{
    Retort::MainWindow window;
    window.setInteractive(false);
    window.resize(1280, 800);
    if (!window.openProject(directory))
        return 1;
    window.show();
    Retort::ConnectionSettings settings;
    settings.dialect = Retort::Dialect::SQLite;
    settings.sqlitePath = databaseFile;
    window.connectToDatabase(settings);
    if (!waitUntilIdle(window))
        return 1;

    Retort::ReviewPage *review = window.reviewPage();
    PaintWatch watch;
    review->scriptView()->viewport()->installEventFilter(&watch);
    bool shown = false;
    QObject::connect(review, &Retort::ReviewPage::scriptShown, [&shown] { shown = true; });
    QElapsedTimer tick;
    qint64 longestGap = 0;
    QTimer timer;
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        longestGap = std::max(longestGap, tick.elapsed());
        tick.restart();
    });
    QElapsedTimer wall;
    wall.start();
    CpuTimer cpu;
    cpu.start();
    tick.start();
    timer.start();
    window.setView(Retort::MainWindow::View::Review);
    while (!shown)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    watch.painted = false;
    while (!watch.painted)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double wallMs = double(wall.nsecsElapsed()) / 1e6;
    const double cpuMs = milliseconds(cpu.nsecsElapsed());
    timer.stop();
    // Then a jump to the last step, as a reader of the plan does.
    cpu.restart();
    const int steps = review->steps()->rowCount();
    review->stepView()->setCurrentIndex(review->steps()->index(steps - 1, 0));
    review->scriptView()->viewport()->repaint();
    const double jumpMs = milliseconds(cpu.nsecsElapsed());

    const QJsonObject result {
        { QStringLiteral("pending"), steps },
        { QStringLiteral("review_paint_wall_ms"), wallMs },
        { QStringLiteral("review_paint_cpu_ms"), cpuMs },
        { QStringLiteral("longest_unanswered_ms"), double(longestGap) },
        { QStringLiteral("jump_to_last_ms"), jumpMs },
        { QStringLiteral("peak_memory_mib"), double(peakMemoryKiB()) / 1024.0 },
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Retort"));
    QApplication::setApplicationName(QStringLiteral("retort-uibench"));
    QTemporaryDir settings;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() == 4 && arguments.at(1) == QLatin1String("--review"))
        return reviewBenchmark(arguments.at(2), arguments.at(3));
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: retort-uibench PROJECT_DIR | --review PROJECT_DIR SQLITE_FILE\n");
        return 2;
    }
    const QString directory = arguments.at(1);

    // Open to first paint, as a user sees it: load, lay out, show, paint.
    Retort::MainWindow window;
    window.resize(1280, 800);
    QWidget *viewport = window.graphPage()->view()->viewport();
    PaintWatch watch;
    QElapsedTimer wall;
    wall.start();
    CpuTimer timer;
    timer.start();
    if (!window.openProject(directory))
        return 1;
    const double loadMs = milliseconds(timer.nsecsElapsed());
    viewport->installEventFilter(&watch);
    window.show();
    while (!watch.painted)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double firstPaintMs = milliseconds(timer.nsecsElapsed());
    const double firstPaintWallMs = milliseconds(wall.nsecsElapsed());
    const long firstPaintPeakKiB = peakMemoryKiB();

    // The lane layout on its own (the window computed it while opening),
    // let go of at once: a second layout kept for the rest of the run would
    // count in the window's peak memory (3 MB at 100,000 revisions).
    timer.restart();
    double layoutMs = 0;
    int lanes = 0;
    {
        const Retort::LaneLayout layout = Retort::LaneLayout::compute(window.project().graph);
        layoutMs = milliseconds(timer.nsecsElapsed());
        lanes = layout.columnCount();
    }

    // Page through the whole graph twice. First the graph alone: scroll a
    // page, paint it; that is the graph's own cost per frame. Then as a user
    // does, with Page Down in the graph: each key press moves the selection
    // a page, which scrolls the graph and shows the new revision's details
    // and file; a frame is the key press with everything it repaints.
    Retort::RevisionGraphView *view = window.graphPage()->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QApplication::processEvents();
    QScrollBar *scroll = view->verticalScrollBar();
    QList<double> graphFrames;
    while (true) {
        timer.restart();
        viewport->repaint();
        graphFrames.append(milliseconds(timer.nsecsElapsed()));
        if (scroll->value() >= scroll->maximum())
            break;
        scroll->setValue(scroll->value() + scroll->pageStep());
    }
    scroll->setValue(0);
    QApplication::processEvents();

    const int rows = view->model()->rowCount();
    QList<double> keyFrames;
    while (true) {
        timer.restart();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_PageDown, Qt::NoModifier);
        QApplication::sendEvent(view, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_PageDown, Qt::NoModifier);
        QApplication::sendEvent(view, &release);
        QApplication::processEvents();
        keyFrames.append(milliseconds(timer.nsecsElapsed()));
        if (view->currentIndex().row() >= rows - 1)
            break;
    }
    const auto statistics = [](QList<double> frames, const QString &prefix, QJsonObject &into) {
        std::sort(frames.begin(), frames.end());
        double sum = 0;
        for (double frame : frames)
            sum += frame;
        into.insert(prefix + QStringLiteral("_frames"), int(frames.size()));
        into.insert(prefix + QStringLiteral("_mean_ms"), sum / double(frames.size()));
        into.insert(prefix + QStringLiteral("_p95_ms"), frames.at(qsizetype(double(frames.size() - 1) * 0.95)));
        into.insert(prefix + QStringLiteral("_max_ms"), frames.last());
    };

    QJsonObject result {
        { QStringLiteral("revisions"), rows },
        { QStringLiteral("lanes"), lanes },
        { QStringLiteral("layout_ms"), layoutMs },
        { QStringLiteral("open_ms"), loadMs },
        { QStringLiteral("first_paint_ms"), firstPaintMs },
        { QStringLiteral("first_paint_wall_ms"), firstPaintWallMs },
        { QStringLiteral("first_paint_peak_mib"), double(firstPaintPeakKiB) / 1024.0 },
        { QStringLiteral("peak_memory_mib"), double(peakMemoryKiB()) / 1024.0 },
    };
    statistics(graphFrames, QStringLiteral("graph"), result);
    statistics(keyFrames, QStringLiteral("page_down"), result);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
