#include "revisionfilejob.h"

#include "errorlabel.h"
#include "exec/revisioncreator.h"

#include <QDialog>
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

void RevisionFileJob::rewrite(
    const DownRevisionChange &change, const AlembicRevisionParser::Names &names, const WrittenRevision &result)
{
    run([change, names, result]() -> Result<WrittenRevision> {
        if (Result<void> applied = DownRevisionRewriter::apply(change, names); !applied)
            return applied.error();
        return result;
    });
}

void RevisionFileJob::finishDialog(QDialog *dialog, QWidget *buttons, ErrorLabel *error, WrittenRevision *written)
{
    connect(this, &RevisionFileJob::finished, dialog,
        [dialog, buttons, error, written](const Result<WrittenRevision> &result) {
            buttons->setEnabled(true);
            if (!result) {
                error->showError(result.error().toString());
                return;
            }
            *written = *result;
            dialog->QDialog::accept();
        });
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
