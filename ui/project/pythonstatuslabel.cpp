#include "pythonstatuslabel.h"

#include <QDir>
#include <QtConcurrent/QtConcurrentRun>

namespace Retort {

PythonStatusLabel::PythonStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &PythonStatusLabel::showResult);
}

void PythonStatusLabel::setProject(const Project &project)
{
    if (project.kind != ProjectKind::Alembic) {
        hide();
        return;
    }
    setText(tr("Python…"));
    setToolTip(tr("Looking for the Python that runs this project's Alembic"));
    show();
    // The worker gets its own copy: the window may load another project meanwhile.
    m_watcher.setFuture(QtConcurrent::run([project] { return PythonEnvironment::inspect(project); }));
}

void PythonStatusLabel::showResult()
{
    const Result<PythonEnvironment> python = m_watcher.result();
    if (!python) {
        setText(tr("⚠ No usable Python for Alembic"));
        setToolTip(python.error().toString());
        if (python.error().toString() != m_lastProblem)
            emit problem(python.error().toString());
        m_lastProblem = python.error().toString();
        return;
    }
    m_lastProblem.clear();
    setText(tr("Python %1 · Alembic %2").arg(python->pythonVersion, python->alembicVersion));
    setToolTip(tr("Alembic runs with %1\n(%2)").arg(QDir::toNativeSeparators(python->interpreter), python->origin));
}

} // namespace Retort
