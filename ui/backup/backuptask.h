#pragma once

#include "backup/backuprunner.h"
#include "backup/backupverifier.h"
#include "db/connectionsettings.h"
#include "project/project.h"
#include "util/result.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace Retort {

class Executor;

// Backups, restores and checks of backup files on a worker thread, with the
// same core code as retort-cli (BackupRunner, BackupVerifier). Each job
// opens its own connection in the worker (a QSqlDatabase belongs to the
// thread that opened it) under the runner lock, so the window keeps
// painting and Cancel works while pg_dump runs.
//
// One job at a time; each ends with exactly one result signal (backedUp,
// restorePlanned, restored, verified or failed) and then finished(), all
// delivered on the thread the task lives in. For a "back up first" step:
// call backup() and go on from backedUp(), or stop on failed().
class BackupTask : public QObject
{
    Q_OBJECT
public:
    explicit BackupTask(QObject *parent = nullptr);
    // Cancels a running job and waits for the worker to stop.
    ~BackupTask() override;

    // Each returns false, doing nothing, while another job runs.
    // A verified backup of `settings`' database into the project's backup folder.
    bool backup(const Project &project, const ConnectionSettings &settings);
    // What restoring `file` would do (the backup is read fully first).
    bool planRestore(const Project &project, const ConnectionSettings &settings, const QString &file);
    bool restore(const Project &project, const ConnectionSettings &settings, const RestorePlan &plan);
    // Reads `file` back fully and the revision in it; needs no connection.
    bool verify(const Project &project, const QString &file);

    // From the task's thread: stops the running tool or the wait for the
    // runner lock; the job then fails with cancelled set.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void phase(const QString &text);
    void progress(const QString &line); // a line from pg_dump --verbose or pg_restore
    void lockWaiting(const QString &holder);

    void backedUp(const Retort::BackupInfo &info);
    // `versionRows`: where the database is now, which the restore replaces.
    void restorePlanned(const Retort::RestorePlan &plan, const QStringList &versionRows);
    // `versionRows`: where the database is after the restore.
    void restored(const QStringList &versionRows);
    void verified(const Retort::BackupCheck &check);
    void failed(const Retort::Error &error, bool cancelled);
    void finished();

private:
    // What a job does with the executor, in the worker thread; it posts its
    // result through deliver().
    using ExecutorJob = std::function<void(Executor &executor, BackupRunner &runner)>;
    bool start(std::function<void()> job);
    bool startWithExecutor(const Project &project, const ConnectionSettings &settings, ExecutorJob job);
    // Keeps `result` for the task's thread, which runs it once the worker ends.
    void deliver(std::function<void()> result);
    void fail(const Error &error);
    void setCancellable(Executor *executor, BackupRunner *runner, BackupVerifier *verifier);

    QThread *m_thread = nullptr;
    Project m_project; // the job's copy, read only by the worker
    ConnectionSettings m_settings;
    std::atomic<bool> m_cancelled { false };
    QMutex m_mutex; // guards what the worker sets: the result and the three pointers
    std::function<void()> m_result;
    Executor *m_executor = nullptr;
    BackupRunner *m_runner = nullptr;
    BackupVerifier *m_verifier = nullptr;
};

} // namespace Retort
