#pragma once

#include "graph/plan.h"
#include "graph/revisiongraph.h"
#include "sql/statementsplitter.h"
#include "util/result.h"

namespace Retort {

// A plan step with everything needed to run it, worked out before anything
// runs: the script as it will be recorded, its checksum and its statements.
// Preparing a whole plan first is what turns a missing downgrade section, an
// unterminated string or a CREATE INDEX CONCURRENTLY in a transactional
// migration into an error before the first step, rather than half way.
struct PreparedStep {
    int revision = -1; // graph index
    QString revisionId;
    Direction direction = Direction::Upgrade;
    bool transactional = true;
    QString filePath; // absolute
    QString script; // migrationScript(): what runs and is recorded
    QString checksum;
    QList<SqlStatement> statements; // line numbers are the file's
    QStringList versionRowsBefore;
    QStringList versionRowsAfter;
};

// "upgrade ae1027a6acf2 -> 1975ea83b712, Add email verification": a step as
// Alembic's logs name it (MigrationStep.short_log plus the message), so that
// Retort's output and scripts read as Alembic's do.
QString stepLog(const Revision &revision, Direction direction);

// Prepares every step of `plan` for `dialect` (native revisions; Alembic
// revisions are run by Alembic and only get their script and checksum).
// Errors name the file and line.
Result<QList<PreparedStep>> prepareSteps(const RevisionGraph &graph, const MigrationPlan &plan, Dialect dialect);

} // namespace Retort
