#include "revisionfilejob.h"

#include "exec/revisioncreator.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

RevisionFileJob::RevisionFileJob(QObject *parent)
    : QObject(parent)
{ }

void RevisionFileJob::create(const Project &project, const NewRevision &spec, bool merge)
{
    run([project, spec, merge] { return createRevisionFile(project, spec, merge); });
}

void RevisionFileJob::run(std::function<Result<WrittenRevision>()> work)
{
    if (m_running)
        return;
    m_running = true;
    auto *watcher = new QFutureWatcher<Result<WrittenRevision>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        m_running = false;
        const Result<WrittenRevision> result = watcher->result();
        watcher->deleteLater();
        emit finished(result);
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace Retort
