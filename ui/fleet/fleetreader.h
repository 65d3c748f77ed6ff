#pragma once

#include "fleet/fleetdatabase.h"
#include "fleet/fleetstatus.h"
#include "project/project.h"
#include "util/result.h"

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

class QThreadPool;

namespace Retort {

// The threads fleet reads and runs use: their own, so that a fleet never
// waits behind (or holds up) the window's other background work.
QThreadPool *fleetThreadPool();

// Reads a fleet file (a [query] section runs its query), then where each of
// its databases stands, on worker threads: each database's status is
// reported as soon as it is read, 8 at a time, as `retort-cli fleet status`
// reads them. A reader that is destroyed starts no further database; the
// reads under way finish on their own, touching only their own copies.
class FleetReader : public QObject
{
    Q_OBJECT
public:
    explicit FleetReader(QObject *parent = nullptr);
    ~FleetReader() override;

    // `profileFile`: where `profile = NAME` is looked up (the user's when empty).
    void readFile(const QString &path, const QString &profileFile);
    void readStatus(const Project &project, const QList<FleetDatabase> &databases, const QString &target);
    // Until the last result was handed over (not merely computed).
    bool isReadingFile() const { return m_readingFile; }
    bool isReadingStatus() const { return m_readingStatus; }

signals:
    void fileRead(const Result<QList<FleetDatabase>> &databases);
    void statusRead(int row, const FleetDatabaseStatus &status);
    void statusFinished();

private:
    struct Row {
        int row = -1;
        FleetDatabaseStatus status;
    };
    void stopStatus();

    QFutureWatcher<Result<QList<FleetDatabase>>> m_file;
    QFutureWatcher<Row> m_status;
    std::shared_ptr<std::atomic<bool>> m_stop;
    bool m_readingFile = false;
    bool m_readingStatus = false;
};

} // namespace Retort
