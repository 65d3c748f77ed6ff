#include "preparedstep.h"

#include "db/historytable.h"
#include "sql/alembicopsanalysis.h"
#include "sql/transactionrules.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::PreparedStep", text);
}

} // namespace

QString stepLog(const Revision &revision, Direction direction)
{
    const QString parents = revision.downRevisions.join(QLatin1String(", "));
    if (direction == Direction::Upgrade)
        return QStringLiteral("upgrade %1 -> %2, %3").arg(parents, revision.id, revision.message);
    return QStringLiteral("downgrade %1 -> %2, %3").arg(revision.id, parents, revision.message);
}

Result<QList<PreparedStep>> prepareSteps(const RevisionGraph &graph, const MigrationPlan &plan, Dialect dialect)
{
    QList<PreparedStep> steps;
    steps.reserve(plan.steps.size());
    QStringList rows = plan.versionRowsBefore;
    for (const PlanStep &planStep : plan.steps) {
        const Revision &revision = graph.revision(planStep.revision);
        PreparedStep step;
        step.revision = planStep.revision;
        step.revisionId = revision.id;
        step.direction = planStep.direction;
        step.transactional = revision.transactional;
        step.filePath = revision.filePath();
        step.versionRowsBefore = rows;
        step.versionRowsAfter = planStep.versionRowsAfter;
        rows = planStep.versionRowsAfter;

        Result<QString> script = migrationScript(revision, planStep.direction, dialect);
        if (!script)
            return script.error();
        step.script = *script;
        step.checksum = scriptChecksum(step.script);
        if (revision.format == RevisionFormat::Alembic) {
            // Alembic runs a migration in its transaction unless the
            // migration steps out of it with autocommit_block(); what cannot
            // run in one must be inside such a block.
            const QList<TransactionBlocker> blocked =
                analyzeAlembicTransactions(step.script, planStep.direction, dialect).blockedOutside;
            if (!blocked.isEmpty()) {
                Error error = Error::at(revision.filePath(), blocked.first().line,
                    tr("%1 cannot run inside a transaction, and Alembic runs revision %2 in one; put it in a "
                       "\"with op.get_context().autocommit_block():\" block")
                        .arg(blocked.first().kind, revision.id));
                error.revision = revision.id;
                return error;
            }
            steps.append(step);
            continue;
        }

        const std::optional<SqlSection> section = revision.section(planStep.direction, dialect);
        if (!section) {
            Error error = Error::at(revision.filePath(), revision.line,
                planStep.direction == Direction::Downgrade
                    ? tr("revision %1 has no \"-- migrate:downgrade\" section, so it cannot be reverted")
                          .arg(revision.id)
                    : tr("revision %1 has no \"-- migrate:upgrade\" section for %2")
                          .arg(revision.id, dialectName(dialect)));
            error.revision = revision.id;
            return error;
        }
        auto statements =
            StatementSplitter::split(section->sql(), dialect, section->markerLine + 1, revision.filePath());
        if (!statements) {
            Error error = statements.error();
            error.revision = revision.id;
            return error;
        }
        step.statements = std::move(*statements);
        if (step.transactional) {
            for (const SqlStatement &statement : std::as_const(step.statements)) {
                const QString blocker = transactionBlocker(statement, dialect);
                if (blocker.isEmpty())
                    continue;
                Error error = Error::at(revision.filePath(), statement.line,
                    tr("%1 cannot run inside a transaction, and revision %2 runs in one; mark the revision "
                       "\"-- transactional: false\" (and keep that migration to statements that are safe to run "
                       "one by one)")
                        .arg(blocker, revision.id));
                error.revision = revision.id;
                return error;
            }
        }
        steps.append(std::move(step));
    }
    return steps;
}

} // namespace Retort
