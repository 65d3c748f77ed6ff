#pragma once

#include "alembic/reviewhelper.h"
#include "graph/plan.h"

namespace Retort {

// One plan step's SQL as the project's own Alembic writes it in offline
// mode (`alembic upgrade A:B --sql`, for that step alone).
struct AlembicStepSql {
    QString sql; // empty when it could not be produced
    // Why it could not: what the migration raised in offline mode (a data
    // migration reading rows through op.get_bind() has no rows there), and
    // the line of the migration it came from (0: elsewhere, e.g. env.py).
    QString error;
    int line = 0;
    bool fromCache = false;
};

// Each step's offline SQL, rendered by the project's Alembic in the
// project's Python, in one process for the whole plan; each step runs on
// its own (its own run of env.py, from exactly the version rows before it),
// so merges and branches get exactly their own SQL and a step that cannot
// run offline does not hide the others.
//
// Results are cached on disk (under the user's cache folder), keyed by the
// checksums of the step's file, env.py, alembic.ini, the script location,
// the version rows before the step, the Python and the URL: editing any of
// them renders the step again. Blocks while Python runs: call it off the
// GUI thread.
class AlembicOfflineSql
{
public:
    AlembicOfflineSql(const Project &project, AlembicPython python);

    // As plan.steps; an error only when the project's Alembic could not run
    // at all (no Python, no Alembic, a broken alembic.ini).
    Result<QList<AlembicStepSql>> render(const MigrationPlan &plan) const;

    // The whole plan's SQL, as `alembic upgrade A:B --sql` prints it (see
    // joined), with `dialect`'s transactions as env.py sets them up; an
    // error naming the file, line and revision of the first step whose SQL
    // cannot be produced.
    Result<QString> script(const MigrationPlan &plan, Dialect dialect) const;

    // The steps' SQL as one script, as `alembic upgrade A:B --sql` prints a
    // whole range: when env.py runs the plan in one transaction, the
    // steps' own BEGIN/COMMIT become one pair around all of them.
    static QString joined(const QList<AlembicStepSql> &steps, bool oneTransaction);

    // Where the cache lives.
    static QString cacheDirectory();

private:
    QByteArray cacheKey(
        const QString &revisionId, Direction direction, const QStringList &rowsBefore, const QString &filePath) const;

    const Project &m_project;
    AlembicPython m_python;
    QByteArray m_sharedInputs; // what every step's key includes
};

} // namespace Retort
