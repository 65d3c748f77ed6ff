#pragma once

#include "exec/scriptdrift.h"
#include "graph/plan.h"
#include "lint/lintfinding.h"
#include "sql/sqlanalysis.h"

#include <QList>
#include <QString>

namespace Retort {

// One step of a plan as the review shows it: the script that will run, as
// the executor will run it, and what its statements put at risk.
struct ReviewStep {
    PlanStep step;
    // Empty when there is nothing to run (an empty or missing section). For
    // an Alembic step, the SQL Alembic's offline mode writes for it; when
    // that cannot be produced, the step's Python file (scriptIsPython).
    QString script;
    QString scriptError; // when the script cannot be read or split
    bool scriptIsPython = false;
    // Why an Alembic step shows its Python: why its SQL could not be
    // produced offline (a data migration reading rows, no Alembic...).
    QString sqlUnavailable;
    bool transactional = true; // false: outside a transaction (transactional: false, autocommit_block())
    QList<SqlRisk> risks;
    // PostgreSQL upgrades: the lint findings, with what the database says
    // about each (table size, data check, sessions in the way).
    QList<LintFinding> lint;
};

// Everything the review view shows for one database and one target: the
// version rows, the plan, its steps with their SQL, and the applied scripts
// edited since they ran.
struct Review {
    Dialect dialect = Dialect::PostgreSQL;
    QString target;
    MigrationPlan plan;
    QList<ReviewStep> steps; // as plan.steps
    // The whole run commits once at its end (Alembic's default): a failure
    // in any step rolls back every step before it too.
    bool oneTransaction = false;
    // Why the plan would be refused before its first step runs (a missing
    // downgrade section, an unterminated string, a statement that cannot run
    // in a transaction), naming the file and line; empty when it can run.
    QString problem;
    QList<ScriptDrift> edited; // applied revisions whose file changed since they ran here
    // For a stamp: the version rows it would leave, and the revisions it
    // would count as applied without running them (newlyApplied) or as not
    // applied although what they did stays in the schema (newlyUnapplied).
    QStringList stampedRows;
    QList<int> newlyApplied;
    QList<int> newlyUnapplied;
    bool historyTableExists = false; // without it, edits cannot be detected
};

} // namespace Retort
