#pragma once

#include "fleet/fleetrunner.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace Retort {

// One fleet run (FleetRunner) on a worker thread, with the project it runs
// kept alive as long as the runner that refers to it. Destroying a job
// that still runs cancels it and waits: no runner thread outlives it.
class FleetRunJob : public QObject
{
    Q_OBJECT
public:
    FleetRunJob(const Project &project, const QList<FleetDatabase> &databases, const FleetRunOptions &options,
        QObject *parent = nullptr);
    ~FleetRunJob() override;

    FleetRunner *runner() const { return m_runner.get(); }
    const QString &target() const { return m_target; }
    void start();
    void cancel();
    bool isCancelling() const { return m_cancelling; }
    // How long it took, once finished.
    qint64 durationMs() const { return m_durationMs; }

signals:
    void finished(const QList<FleetDatabaseRun> &runs);

private:
    const Project m_project;
    const QString m_target;
    std::unique_ptr<FleetRunner> m_runner; // after m_project: destroyed before it
    QFutureWatcher<QList<FleetDatabaseRun>> m_watcher;
    QElapsedTimer m_clock;
    qint64 m_durationMs = -1;
    bool m_cancelling = false;
};

} // namespace Retort
