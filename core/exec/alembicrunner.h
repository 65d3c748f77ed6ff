#pragma once

#include "exec/executor.h"
#include "process/processrunner.h"

namespace Retort {

// Alembic projects run their migrations through Alembic: Retort cannot run
// Python, and would not second-guess an env.py. What Retort adds is the
// rest of a safe run. It plans first (the same plan Alembic makes) and
// shows it; it holds its runner lock for the whole run; it checks that the
// database is where the plan starts; then it runs the project's own
// `alembic -c alembic.ini upgrade|downgrade TARGET` in the project folder
// (DATABASE_URL set for it, without the password, which goes through a
// passfile); afterwards it reads the version table back, records each step
// that Alembic completed in the history table (with the .py file's
// checksum), and fails clearly when Alembic failed or when the database it
// is connected to did not move as planned (an env.py that connects
// somewhere else).
class AlembicRunner : public QObject
{
    Q_OBJECT
public:
    AlembicRunner(Executor &executor, const Project &project, QObject *parent = nullptr);

    // Runs `plan`, made for `target`, with Alembic.
    ExecutionReport run(const MigrationPlan &plan, const QString &target);
    // `alembic revision` / `alembic merge` with these arguments (after the
    // command name), in the project folder; the new file's path.
    static Result<QString> generate(const Project &project, const QStringList &arguments);

    void cancel() { m_processes.cancel(); }

    // The SQLAlchemy URL Alembic gets in DATABASE_URL: no password.
    static QString sqlalchemyUrl(const ConnectionSettings &settings);

signals:
    void output(const QString &line); // what Alembic prints, line by line

private:
    Executor &m_executor;
    const Project &m_project;
    ProcessRunner m_processes;
};

} // namespace Retort
