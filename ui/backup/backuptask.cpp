#include "backuptask.h"

#include "exec/executor.h"

#include <QCoreApplication>
#include <QMutexLocker>
#include <QThread>

namespace Retort {

BackupTask::BackupTask(QObject *parent)
    : QObject(parent)
{ }

BackupTask::~BackupTask()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void BackupTask::cancel()
{
    m_cancelled.store(true);
    QMutexLocker locker(&m_mutex);
    if (m_executor)
        m_executor->cancel();
    if (m_runner)
        m_runner->cancel();
    if (m_verifier)
        m_verifier->cancel();
}

void BackupTask::setCancellable(Executor *executor, BackupRunner *runner, BackupVerifier *verifier)
{
    QMutexLocker locker(&m_mutex);
    m_executor = executor;
    m_runner = runner;
    m_verifier = verifier;
    // A cancel that came before the job could be reached.
    if (m_cancelled.load()) {
        if (executor)
            executor->cancel();
        if (runner)
            runner->cancel();
        if (verifier)
            verifier->cancel();
    }
}

bool BackupTask::start(std::function<void()> job)
{
    if (m_thread)
        return false;
    m_cancelled.store(false);
    m_result = nullptr;
    m_thread = QThread::create(std::move(job));
    m_thread->setObjectName(QStringLiteral("backup task"));
    // Queued: the result is handed over once the worker has let go of its
    // connection, after every phase it reported.
    connect(m_thread, &QThread::finished, this, [this] {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        std::function<void()> result;
        {
            QMutexLocker locker(&m_mutex);
            result = std::move(m_result);
        }
        if (result)
            result();
        else
            emit failed(Error::at({}, 0, tr("the backup task stopped without a result")), m_cancelled.load());
        emit finished();
    });
    m_thread->start();
    return true;
}

void BackupTask::deliver(std::function<void()> result)
{
    QMutexLocker locker(&m_mutex);
    m_result = std::move(result);
}

void BackupTask::fail(const Error &error)
{
    const bool cancelled = m_cancelled.load();
    deliver([this, error, cancelled] { emit failed(error, cancelled); });
}

bool BackupTask::startWithExecutor(const Project &project, const ConnectionSettings &settings, ExecutorJob job)
{
    if (m_thread)
        return false;
    m_project = project;
    m_settings = settings;
    return start([this, job = std::move(job)] {
        ExecutionOptions options;
        options.toolVersion =
            QCoreApplication::applicationName() + QLatin1Char(' ') + QCoreApplication::applicationVersion();
        Executor executor(m_project, m_settings, options);
        BackupRunner runner(executor);
        // Queued to the task's thread, in order with the result.
        connect(&executor, &Executor::lockWaiting, this, &BackupTask::lockWaiting);
        connect(&runner, &BackupRunner::phase, this, &BackupTask::phase);
        connect(&runner, &BackupRunner::progress, this, &BackupTask::progress);
        setCancellable(&executor, &runner, nullptr);
        emit phase(tr("Connecting to %1").arg(m_settings.displayName()));
        if (Result<void> opened = executor.open(); !opened) {
            setCancellable(nullptr, nullptr, nullptr);
            fail(opened.error());
            return;
        }
        job(executor, runner);
        setCancellable(nullptr, nullptr, nullptr);
        executor.close();
    });
}

bool BackupTask::backup(const Project &project, const ConnectionSettings &settings)
{
    return startWithExecutor(project, settings, [this](Executor &, BackupRunner &runner) {
        Result<BackupInfo> made = runner.backup(m_project.backupFolder());
        if (!made) {
            fail(made.error());
            return;
        }
        deliver([this, info = *made] { emit backedUp(info); });
    });
}

bool BackupTask::planRestore(const Project &project, const ConnectionSettings &settings, const QString &file)
{
    return startWithExecutor(project, settings, [this, file](Executor &executor, BackupRunner &runner) {
        Result<RestorePlan> plan = runner.planRestore(file);
        if (!plan) {
            fail(plan.error());
            return;
        }
        Result<QStringList> rows = executor.versionRows();
        if (!rows) {
            fail(rows.error());
            return;
        }
        deliver([this, plan = *plan, rows = *rows] { emit restorePlanned(plan, rows); });
    });
}

bool BackupTask::restore(const Project &project, const ConnectionSettings &settings, const RestorePlan &plan)
{
    return startWithExecutor(project, settings, [this, plan](Executor &executor, BackupRunner &runner) {
        if (Result<void> done = runner.restore(plan); !done) {
            fail(done.error());
            return;
        }
        Result<QStringList> rows = executor.versionRows();
        deliver([this, rows = rows ? *rows : QStringList()] { emit restored(rows); });
    });
}

bool BackupTask::verify(const Project &project, const QString &file)
{
    if (m_thread)
        return false;
    m_project = project;
    return start([this, file] {
        BackupVerifier verifier;
        connect(&verifier, &BackupVerifier::phase, this, &BackupTask::phase);
        connect(&verifier, &BackupVerifier::progress, this, &BackupTask::progress);
        setCancellable(nullptr, nullptr, &verifier);
        Result<BackupCheck> check = verifier.verify(file, m_project.settings);
        setCancellable(nullptr, nullptr, nullptr);
        if (!check) {
            fail(check.error());
            return;
        }
        deliver([this, check = *check] { emit verified(check); });
    });
}

} // namespace Retort
