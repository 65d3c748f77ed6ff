#pragma once

#include "alembic/pythonenvironment.h"

#include <QFutureWatcher>
#include <QLabel>

namespace Retort {

// The status bar's word on which Python and Alembic run an Alembic
// project's migrations ("Python 3.13.5 · Alembic 1.13.2", the interpreter
// and why it was chosen in the tooltip), or why none can. Asked on a worker
// thread: it runs the interpreter. Hidden for native projects.
class PythonStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit PythonStatusLabel(QWidget *parent = nullptr);

    void setProject(const Project &project);

signals:
    void problem(const QString &message); // for the log: the environment cannot run Alembic

private:
    void showResult();

    QFutureWatcher<Result<PythonEnvironment>> m_watcher;
    QString m_lastProblem; // told once, not again on every reload
};

} // namespace Retort
