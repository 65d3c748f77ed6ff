#pragma once

#include "project/downrevisionrewriter.h"
#include "project/revisionwriter.h"

#include <QObject>

class QDialog;

#include <functional>

namespace Retort {

// Runs file work for a dialog on a worker thread — Alembic projects run
// `alembic revision`, a process — and hands the result back on the GUI
// thread. One job at a time; the dialog disables its buttons meanwhile.
class ErrorLabel;

class RevisionFileJob : public QObject
{
    Q_OBJECT
public:
    explicit RevisionFileJob(QObject *parent = nullptr);

    // Writes a new revision, or a merge (createRevisionFile).
    void create(const Project &project, const NewRevision &spec, bool merge);
    // Rewrites one down_revision (DownRevisionRewriter::apply); `result`
    // names what the graph should select afterwards.
    void rewrite(
        const DownRevisionChange &change, const AlembicRevisionParser::Names &names, const WrittenRevision &result);
    void run(std::function<Result<WrittenRevision>()> work);

    // How a dialog ends its file work: its buttons enabled again, and the
    // error shown, or what was written kept and the dialog accepted.
    void finishDialog(QDialog *dialog, QWidget *buttons, ErrorLabel *error, WrittenRevision *written);
    bool isRunning() const { return m_running; }

signals:
    void finished(const Retort::Result<Retort::WrittenRevision> &result);

private:
    bool m_running = false;
};

} // namespace Retort
