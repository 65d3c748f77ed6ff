#include "fleetrunjob.h"

#include "fleetreader.h"

#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

FleetRunJob::FleetRunJob(
    const Project &project, const QList<FleetDatabase> &databases, const FleetRunOptions &options, QObject *parent)
    : QObject(parent)
    , m_project(project)
    , m_target(options.target)
    , m_runner(std::make_unique<FleetRunner>(m_project, databases, options))
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_durationMs = m_clock.elapsed();
        emit finished(m_watcher.result());
    });
}

FleetRunJob::~FleetRunJob()
{
    if (m_watcher.isRunning()) {
        m_runner->cancel();
        m_watcher.waitForFinished();
    }
}

void FleetRunJob::start()
{
    m_clock.start();
    FleetRunner *runner = m_runner.get();
    m_watcher.setFuture(QtConcurrent::run(fleetThreadPool(), [runner] { return runner->run(); }));
}

void FleetRunJob::cancel()
{
    m_cancelling = true;
    m_runner->cancel();
}

} // namespace Retort
