#pragma once

#include "project/project.h"

namespace Retort {

// How a project's env.py has Alembic run a plan, read without running it.
// Alembic's default is one transaction for the whole run (every step and
// its version-table update commit together, and a failure rolls back every
// step of the run); `context.configure(transaction_per_migration=True)`
// gives each migration its own. On a dialect without transactional DDL
// (SQLite, in Alembic's eyes) each migration gets its own transaction.
struct EnvPyTransactions {
    QString envPy; // absolute; empty when the project has none
    bool perMigration = false;

    // Whether a plan of several steps commits once, at its end.
    bool oneTransaction(Dialect dialect) const { return dialect == Dialect::PostgreSQL && !perMigration; }
};

EnvPyTransactions analyzeEnvPy(const Project &project);

} // namespace Retort
