#include "fleetreader.h"

#include "fleet/fleetfile.h"
#include "fleet/workerpool.h"

#include <QCoreApplication>
#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

namespace {

constexpr int kStatusParallel = 8; // as `retort-cli fleet status`
constexpr int kPoolThreads = 4;

} // namespace

QThreadPool *fleetThreadPool()
{
    // Owned by the application: it waits for stray reads when it ends.
    static QThreadPool *pool = [] {
        auto *created = new QThreadPool(QCoreApplication::instance());
        created->setMaxThreadCount(kPoolThreads);
        return created;
    }();
    return pool;
}

FleetReader::FleetReader(QObject *parent)
    : QObject(parent)
{
    connect(&m_file, &QFutureWatcherBase::finished, this, [this] {
        m_readingFile = false;
        emit fileRead(m_file.result());
    });
    connect(&m_status, &QFutureWatcherBase::resultsReadyAt, this, [this](int begin, int end) {
        for (int i = begin; i < end; ++i) {
            const Row result = m_status.resultAt(i);
            emit statusRead(result.row, result.status);
        }
    });
    connect(&m_status, &QFutureWatcherBase::finished, this, [this] {
        m_readingStatus = false;
        emit statusFinished();
    });
}

FleetReader::~FleetReader()
{
    stopStatus();
}

void FleetReader::stopStatus()
{
    if (m_stop)
        m_stop->store(true);
}

void FleetReader::readFile(const QString &path, const QString &profileFile)
{
    m_readingFile = true;
    m_file.setFuture(QtConcurrent::run(fleetThreadPool(), [path, profileFile]() -> Result<QList<FleetDatabase>> {
        Result<FleetFile> fleet = FleetFile::read(path, profileFile);
        if (!fleet)
            return fleet.error();
        return fleet->databases();
    }));
}

void FleetReader::readStatus(const Project &project, const QList<FleetDatabase> &databases, const QString &target)
{
    stopStatus();
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_readingStatus = true;
    m_status.setFuture(
        QtConcurrent::run(fleetThreadPool(), [project, databases, target, stop = m_stop](QPromise<Row> &promise) {
            runInParallel(
                int(databases.size()), kStatusParallel,
                [&](int index, int) {
                    promise.addResult(Row { index, FleetStatus::readOne(project, databases.at(index), target) });
                },
                stop.get());
        }));
}

} // namespace Retort
