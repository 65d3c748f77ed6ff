// Opens a project in the main window offscreen and measures what a user
// waits for: loading and laying out the graph, the first paint, and each
// frame while paging down through the whole graph. Prints one JSON object.
// Run through bench/ui.py (./dev bench ui), which makes the projects.

#include "graph/graphpage.h"
#include "graph/lanelayout.h"
#include "graph/revisiongraphview.h"
#include "mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

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

long peakMemoryKiB()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
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
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: retort-uibench PROJECT_DIR\n");
        return 2;
    }
    const QString directory = arguments.at(1);

    // Open to first paint, as a user sees it: load, lay out, show, paint.
    Retort::MainWindow window;
    window.resize(1280, 800);
    QWidget *viewport = window.graphPage()->view()->viewport();
    PaintWatch watch;
    QElapsedTimer timer;
    timer.start();
    if (!window.openProject(directory))
        return 1;
    const double loadMs = milliseconds(timer.nsecsElapsed());
    viewport->installEventFilter(&watch);
    window.show();
    while (!watch.painted)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    const double firstPaintMs = milliseconds(timer.nsecsElapsed());

    // The lane layout on its own (the window computed it while opening).
    timer.restart();
    const Retort::LaneLayout layout = Retort::LaneLayout::compute(window.project().graph);
    const double layoutMs = milliseconds(timer.nsecsElapsed());
    const int lanes = layout.columnCount();

    // Page down through the whole graph, painting each page as a frame.
    Retort::RevisionGraphView *view = window.graphPage()->view();
    view->setFocus();
    QScrollBar *scroll = view->verticalScrollBar();
    QList<double> frames;
    QElapsedTimer total;
    total.start();
    scroll->setValue(0);
    while (true) {
        timer.restart();
        viewport->repaint();
        frames.append(milliseconds(timer.nsecsElapsed()));
        if (scroll->value() >= scroll->maximum())
            break;
        scroll->setValue(scroll->value() + scroll->pageStep());
    }
    const double pagingMs = milliseconds(total.nsecsElapsed());
    std::sort(frames.begin(), frames.end());
    double sum = 0;
    for (double frame : frames)
        sum += frame;

    QJsonObject result {
        { QStringLiteral("revisions"), window.graphPage()->view()->model()->rowCount() },
        { QStringLiteral("lanes"), lanes },
        { QStringLiteral("layout_ms"), layoutMs },
        { QStringLiteral("open_ms"), loadMs },
        { QStringLiteral("first_paint_ms"), firstPaintMs },
        { QStringLiteral("frames"), int(frames.size()) },
        { QStringLiteral("frame_mean_ms"), sum / double(frames.size()) },
        { QStringLiteral("frame_p95_ms"), frames.at(qsizetype(double(frames.size() - 1) * 0.95)) },
        { QStringLiteral("frame_max_ms"), frames.last() },
        { QStringLiteral("paging_ms"), pagingMs },
        { QStringLiteral("peak_memory_mib"), double(peakMemoryKiB()) / 1024.0 },
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
