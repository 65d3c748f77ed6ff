#pragma once

#include "project/revisionwriter.h"

#include <QObject>

#include <functional>

namespace Retort {

// Runs file work for a dialog on a worker thread — Alembic projects run
// `alembic revision`, a process — and hands the result back on the GUI
// thread. One job at a time; the dialog disables its buttons meanwhile.
class RevisionFileJob : public QObject
{
    Q_OBJECT
public:
    explicit RevisionFileJob(QObject *parent = nullptr);

    // Writes a new revision, or a merge (createRevisionFile).
    void create(const Project &project, const NewRevision &spec, bool merge);
    // Any other file work returning an id (rewriting a down_revision).
    void run(std::function<Result<WrittenRevision>()> work);
    bool isRunning() const { return m_running; }

signals:
    void finished(const Retort::Result<Retort::WrittenRevision> &result);

private:
    bool m_running = false;
};

} // namespace Retort
