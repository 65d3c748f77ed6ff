#include "fleetprogress.h"

#include "exec/runoutcome.h"
#include "fleet/fleetreport.h"
#include "runsupport.h"

namespace Retort::Cli {

namespace {

// How many databases the live table lists at most; the summary line counts
// the rest.
constexpr int kLiveRows = 20;
constexpr int kRedrawMs = 100;

} // namespace

FleetProgress::FleetProgress(QTextStream &out, const FleetRunner &runner, bool live)
    : m_out(out)
    , m_runner(runner)
    , m_live(live)
    , m_seen(runner.databases().size())
{
    m_clock.start();
}

void FleetProgress::changed(int index)
{
    const QMutexLocker locker(&m_mutex);
    if (!m_live) {
        printEvents(index, m_runner.snapshot(index));
        return;
    }
    if (!m_sinceDraw.isValid() || m_sinceDraw.elapsed() >= kRedrawMs)
        redraw();
}

void FleetProgress::finish()
{
    const QMutexLocker locker(&m_mutex);
    if (m_live)
        redraw();
}

void FleetProgress::printEvents(int index, const FleetDatabaseRun &run)
{
    FleetDatabaseRun &seen = m_seen[index];
    const QString name = m_runner.databases().at(index).name;
    if (seen.state == FleetDatabaseRun::State::Waiting && run.state != FleetDatabaseRun::State::Waiting &&
        run.state != FleetDatabaseRun::State::Skipped)
        m_out << name << ": " << (run.canary ? tr("started (canary)") : tr("started")) << '\n';
    if (!run.runningRevision.isEmpty() && run.runningRevision != seen.runningRevision)
        m_out << name << ": "
              << tr("running %1 (%2/%3)").arg(run.runningRevision).arg(run.stepsDone + 1).arg(run.stepsTotal) << '\n';
    if (run.finished() && !seen.finished()) {
        ++m_finished;
        QString line =
            QStringLiteral("[%1/%2] %3: %4").arg(m_finished).arg(m_seen.size()).arg(name, fleetProgressText(run));
        if (run.state != FleetDatabaseRun::State::Skipped) {
            line += QStringLiteral(", %1 → %2 in %3")
                        .arg(versionRowsText(run.before), versionRowsText(run.after), formatDuration(run.durationMs));
        }
        if (!run.error.isEmpty())
            line += QStringLiteral(": ") + run.error.section(QLatin1Char('\n'), 0, 0);
        m_out << line << '\n';
    }
    m_out.flush();
    seen = run;
}

void FleetProgress::redraw()
{
    const QList<FleetDatabaseRun> runs = m_runner.snapshot();
    int finished = 0;
    int running = 0;
    int failed = 0;
    QList<QStringList> rows;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const FleetDatabaseRun &run = runs.at(i);
        finished += run.finished() ? 1 : 0;
        running += run.state == FleetDatabaseRun::State::Running ? 1 : 0;
        failed += run.failed() ? 1 : 0;
        if ((run.state == FleetDatabaseRun::State::Running || run.failed()) && rows.size() < kLiveRows) {
            rows.append({ m_runner.databases().at(i).name, fleetProgressText(run),
                run.error.section(QLatin1Char('\n'), 0, 0) });
        }
    }
    QString block = tr("%1/%2 finished, %3 running, %4 failed, %5")
                        .arg(finished)
                        .arg(runs.size())
                        .arg(running)
                        .arg(failed)
                        .arg(formatDuration(m_clock.elapsed())) +
        QLatin1Char('\n');
    if (!rows.isEmpty())
        block += textTable({ tr("DATABASE"), tr("PROGRESS"), tr("ERROR") }, rows);
    // Back to the top of the previous drawing, clearing each line.
    if (m_linesDrawn > 0)
        m_out << QStringLiteral("\x1b[%1A").arg(m_linesDrawn);
    const QStringList lines = block.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines)
        m_out << "\x1b[2K" << line << '\n';
    for (int extra = int(lines.size()); extra < m_linesDrawn; ++extra)
        m_out << "\x1b[2K\n";
    m_linesDrawn = qMax(m_linesDrawn, int(lines.size()));
    m_out.flush();
    m_sinceDraw.start();
}

} // namespace Retort::Cli
