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
    QString script; // empty when there is nothing to run (an empty or missing section)
    QString scriptError; // when the script cannot be read or split
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
