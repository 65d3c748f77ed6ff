#pragma once

#include "fleet/fleetrunner.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QTextStream>

namespace Retort::Cli {

// The progress of `upgrade --fleet` while it runs. On a terminal, a live
// table redrawn in place: a summary line, then every running or failed
// database with its step. Otherwise (a pipe, a CI log) plain lines, one per
// event: a database started, ran a migration, finished. Fed from the
// runner's worker threads.
class FleetProgress
{
public:
    FleetProgress(QTextStream &out, const FleetRunner &runner, bool live);

    void changed(int index);
    // The last redraw (live) so the table shows the final state.
    void finish();

private:
    void printEvents(int index, const FleetDatabaseRun &run);
    void redraw();

    QTextStream &m_out;
    const FleetRunner &m_runner;
    const bool m_live;
    QMutex m_mutex;
    QList<FleetDatabaseRun> m_seen; // plain: what was already printed
    int m_finished = 0;
    int m_linesDrawn = 0;
    QElapsedTimer m_sinceDraw;
    QElapsedTimer m_clock;
};

} // namespace Retort::Cli
