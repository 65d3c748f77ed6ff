#include "runoutcome.h"

#include "graph/planner.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RunOutcome", text);
}

} // namespace

// The one way an empty version table is said, in the CLI and in the window
// (the executor's messages and the status bar too): "base", Alembic's word,
// which is also the target a user types for it.
QString versionRowsText(const QStringList &rows)
{
    return rows.isEmpty() ? QStringLiteral("base") : rows.join(QLatin1String(", "));
}

QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', ms < 10000 ? 2 : 1);
}

QString productionName(const ConnectionSettings &settings)
{
    return settings.dialect == Dialect::SQLite ? QFileInfo(settings.sqlitePath).fileName() : settings.database;
}

Result<QStringList> knownVersionRows(const Project &project, const QStringList &rows, const QString &databaseName)
{
    for (const QString &row : rows) {
        if (project.graph.indexOf(row) < 0) {
            Error error = Error::at({}, 0,
                tr("the database %1 is at revision %2, which this project does not have (%3): the project may be "
                   "behind the database (get the latest revision files), or this is not its database")
                    .arg(databaseName, row, project.directory));
            error.revision = row;
            return error;
        }
    }
    return rows;
}

Result<MigrationPlan> planFromVersionRows(const Project &project, const QStringList &rows, Direction direction,
    const QString &target, const QString &databaseName)
{
    Result<QStringList> known = knownVersionRows(project, rows, databaseName);
    if (!known)
        return known.error();
    const Planner planner(project.graph);
    return direction == Direction::Upgrade ? planner.upgrade(rows, target) : planner.downgrade(rows, target);
}

QStringList describeFailure(const Project &project, const MigrationPlan &plan, const ExecutionReport &report)
{
    QStringList lines;
    if (!report.failure)
        return lines;
    const StepFailure &failure = *report.failure;
    if (failure.step >= 0 && failure.step < plan.steps.size()) {
        const PlanStep &step = plan.steps.at(failure.step);
        const Revision &revision = project.graph.revision(step.revision);
        const QString direction = step.direction == Direction::Upgrade ? tr("upgrade") : tr("downgrade");
        if (failure.statementIndex >= 0) {
            lines.append(tr("in revision %1 (%2), statement %3 of %4:")
                             .arg(revision.id, direction)
                             .arg(failure.statementIndex + 1)
                             .arg(failure.statementCount));
            for (const QString &line : failure.statement.split(QLatin1Char('\n')).mid(0, 8))
                lines.append(QStringLiteral("  ") + line);
        }
        if (project.kind == ProjectKind::Alembic) {
            lines.append(tr("Revision %1 (%2) did not complete; what Alembic committed before it stays.")
                             .arg(revision.id, direction));
        } else if (failure.transactional) {
            lines.append(tr("The migration %1 was rolled back; nothing of it was kept.").arg(revision.id));
        } else {
            QStringList ran;
            for (int line : failure.completedStatementLines)
                ran.append(QString::number(line));
            lines.append(ran.isEmpty()
                    ? tr("Revision %1 is not transactional; none of its statements completed.").arg(revision.id)
                    : tr("Revision %1 is not transactional: the statements at line %2 of %3 ran and their changes "
                         "stay; it is not recorded as applied.")
                          .arg(revision.id, ran.join(QLatin1String(", ")), revision.filePath()));
        }
    }
    lines.append(failure.advice);
    for (qsizetype i = 0; i < failure.details.size(); ++i)
        lines.append(i == 0 ? failure.details.at(i) : QStringLiteral("  ") + failure.details.at(i));
    lines.append(report.versionRowsKnown
            ? tr("The database is at %1.").arg(versionRowsText(report.versionRows))
            : tr("The server could not be asked what the database is at now; check with \"retort-cli current\"."));
    return lines;
}

} // namespace Retort
