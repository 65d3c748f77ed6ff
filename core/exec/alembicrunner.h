#pragma once

#include "alembic/alembicprocess.h"
#include "exec/executor.h"

#include <QElapsedTimer>

namespace Retort {

// Alembic projects run their migrations through their own Alembic, in
// their own Python environment: Retort does not second-guess an env.py.
// What Retort adds is the rest of a safe run. It plans first (the same plan
// Alembic makes) and shows it; it holds its runner lock for the whole run;
// it checks that the database is where the plan starts; it makes sure the
// project's Python and Alembic run at all before anything else; then it
// runs `alembic upgrade|downgrade TARGET` through AlembicProcess, which
// gives Alembic this database and proves, before Alembic's first
// statement, that the connection env.py opened is the one Retort locked
// (see ConnectionProof). Each step is reported as Alembic starts and
// applies it. Afterwards Retort reads the version table back — what was
// committed — records exactly those steps in the history table (with the
// .py file's checksum) and, on failure, the revision that failed, with the
// file and line in it, the server's message and SQLSTATE, and the
// traceback's frames in the project's own code.
class AlembicRunner : public QObject
{
    Q_OBJECT
public:
    AlembicRunner(Executor &executor, const Project &project, QObject *parent = nullptr);

    // Runs `plan`, made for `target`, with Alembic.
    ExecutionReport run(const MigrationPlan &plan, const QString &target);
    // `alembic revision` / `alembic merge` with these arguments (after the
    // command name), in the project folder; the new file's path.
    // `database`: the one `alembic revision --autogenerate` compares with.
    static Result<QString> generate(const Project &project, const QStringList &arguments,
        const std::optional<AlembicProcess::Database> &database = std::nullopt);

    void cancel() { m_process.cancel(); }

signals:
    void output(const QString &line); // what Alembic prints, line by line
    void stepStarted(int step); // Alembic started plan step `step`
    void stepFinished(int step, qint64 durationMs); // and applied it (committed when its transaction is)

private:
    void onEvent(const QJsonObject &event);
    ExecutionReport finish(ExecutionReport report, const AlembicProcess::Outcome &outcome);

    Executor &m_executor;
    const Project &m_project;
    AlembicProcess m_process;
    // The run under way.
    const MigrationPlan *m_plan = nullptr;
    QList<PreparedStep> m_steps;
    int m_running = -1; // the step Alembic started last
    QList<int> m_applied; // steps Alembic applied (not necessarily committed)
    QElapsedTimer m_stepClock;
    QDateTime m_started;
};

} // namespace Retort
