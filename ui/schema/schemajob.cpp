#include "schemajob.h"

namespace Retort {

namespace {

// Runs `work` on a new thread; `done` on the job's thread when it ended.
template<typename Job>
std::unique_ptr<QThread> startThread(Job *job, std::function<void()> work, std::function<void()> done)
{
    std::unique_ptr<QThread> thread(QThread::create(std::move(work)));
    QObject::connect(thread.get(), &QThread::finished, job, std::move(done), Qt::QueuedConnection);
    thread->start();
    return thread;
}

void stopThread(const std::unique_ptr<QThread> &thread)
{
    if (thread)
        thread->wait();
}

} // namespace

SchemaJob::SchemaJob(Project project, ShadowOptions options, MigrationPlan plan, QObject *parent)
    : QObject(parent)
    , m_project(std::make_unique<const Project>(std::move(project)))
    , m_plan(std::move(plan))
    , m_replayer(*m_project, std::move(options))
{
    qRegisterMetaType<Retort::SchemaReplay>();
    connect(&m_replayer, &SchemaReplayer::progress, this, &SchemaJob::progress, Qt::QueuedConnection);
}

SchemaJob::~SchemaJob()
{
    cancel();
    stopThread(m_thread);
}

void SchemaJob::start()
{
    m_thread = startThread(
        this, [this] { m_result = m_replayer.replay(m_plan); }, [this] { emit finished(m_result); });
}

DriftJob::DriftJob(Project project, ShadowOptions options, ConnectionSettings target, QStringList rows, QObject *parent)
    : QObject(parent)
    , m_project(std::make_unique<const Project>(std::move(project)))
    , m_target(std::move(target))
    , m_rows(std::move(rows))
    , m_drift(*m_project, std::move(options))
{
    qRegisterMetaType<Retort::DriftOutcome>();
}

DriftJob::~DriftJob()
{
    cancel();
    stopThread(m_thread);
}

void DriftJob::start()
{
    m_thread = startThread(
        this,
        [this] {
            Result<DriftReport> report = m_drift.check(m_target, m_rows);
            if (report)
                m_result.report = *report;
            else
                m_result.error = report.error();
        },
        [this] { emit finished(m_result); });
}

} // namespace Retort
