#include "reviewsteps.h"

#include "alembic/envpyanalysis.h"
#include "alembic/offlinesql.h"
#include "db/historytable.h"
#include "exec/preparedstep.h"
#include "sql/alembicopsanalysis.h"
#include "sql/sqlanalysis.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::ReviewSteps", text);
}

// Why Alembic could not write a step's SQL, in a user's words.
QString unavailableReason(const AlembicStepSql &sql, const QString &script)
{
    QString reason = sql.line > 0
        ? tr("Alembic cannot write this step's SQL offline: line %1: %2").arg(sql.line).arg(sql.error)
        : tr("Alembic cannot write this step's SQL offline: %1").arg(sql.error);
    if (script.contains(QLatin1String("get_bind(")))
        reason += QLatin1Char(' ') +
            tr("(it reads the database through op.get_bind(), and offline there is no database to read). Shown "
               "instead: its Python and what Retort reads in it.");
    return reason;
}

} // namespace

void reviewPlanSteps(
    const Project &project, Dialect dialect, Review &review, const std::optional<AlembicPython> &alembic)
{
    const RevisionGraph &graph = project.graph;
    Result<QList<PreparedStep>> prepared = prepareSteps(graph, review.plan, dialect);
    if (!prepared)
        review.problem = prepared.error().toString();

    std::optional<Result<QList<AlembicStepSql>>> offline;
    if (project.kind == ProjectKind::Alembic) {
        review.oneTransaction = review.plan.steps.size() > 1 && analyzeEnvPy(project).oneTransaction(dialect);
        if (alembic && !review.plan.isEmpty())
            offline = AlembicOfflineSql(project, *alembic).render(review.plan);
    }

    review.steps.clear();
    for (qsizetype i = 0; i < review.plan.steps.size(); ++i) {
        ReviewStep reviewed;
        reviewed.step = review.plan.steps.at(i);
        const Revision &revision = graph.revision(reviewed.step.revision);
        reviewed.transactional = revision.transactional;
        Result<QString> script = prepared ? Result<QString>(prepared->at(i).script)
                                          : migrationScript(revision, reviewed.step.direction, dialect);
        if (!script) {
            reviewed.scriptError = script.error().toString();
            review.steps.append(reviewed);
            continue;
        }
        reviewed.script = *script;
        if (revision.format != RevisionFormat::Alembic) {
            if (prepared)
                reviewed.risks = analyzeSql(prepared->at(i).statements, dialect).risks;
            review.steps.append(reviewed);
            continue;
        }

        reviewed.transactional =
            !analyzeAlembicTransactions(reviewed.script, reviewed.step.direction, dialect).autocommitBlock;
        reviewed.scriptIsPython = true;
        if (offline && *offline && offline->value().at(i).error.isEmpty()) {
            const AlembicStepSql &sql = offline->value().at(i);
            Result<QList<SqlStatement>> statements = StatementSplitter::split(sql.sql, dialect, 1);
            if (statements) {
                reviewed.script = sql.sql;
                reviewed.scriptIsPython = false;
                reviewed.risks = analyzeSql(*statements, dialect).risks;
                review.steps.append(reviewed);
                continue;
            }
            reviewed.sqlUnavailable = statements.error().toString();
        } else if (offline && *offline) {
            reviewed.sqlUnavailable = unavailableReason(offline->value().at(i), reviewed.script);
        } else if (offline) {
            reviewed.sqlUnavailable = offline->error().toString();
        }
        reviewed.risks = analyzeAlembicOperations(reviewed.script, reviewed.step.direction, dialect).risks;
        review.steps.append(reviewed);
    }
}

} // namespace Retort
