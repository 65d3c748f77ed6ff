#include "offlinescript.h"

#include "db/historytable.h"
#include "db/retortschema.h"
#include "db/versiontablewriter.h"
#include "exec/preparedstep.h"
#include "exec/runoutcome.h"
#include "sql/sqlresource.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDatabase>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::OfflineScript", text);
}

QString literalOrNull(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("NULL") : sqlStringLiteral(text);
}

} // namespace

Result<QString> offlineScript(
    const Project &project, const MigrationPlan &plan, Dialect dialect, const QString &toolVersion)
{
    Result<QList<PreparedStep>> steps = prepareSteps(project.graph, plan, dialect);
    if (!steps)
        return steps.error();
    for (const PreparedStep &step : std::as_const(*steps)) {
        if (project.graph.revision(step.revision).format == RevisionFormat::Alembic) {
            return Error::at(step.filePath, 0,
                tr("revision %1 is an Alembic (Python) migration; its SQL comes from Alembic: run \"alembic %2 "
                   "%3:%4 --sql\"")
                    .arg(step.revisionId,
                        plan.direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade"),
                        versionRowsText(plan.versionRowsBefore).replace(QLatin1String(", "), QLatin1String(",")),
                        versionRowsText(plan.versionRowsAfter()).replace(QLatin1String(", "), QLatin1String(","))));
        }
    }
    const ProjectSettings &names = project.settings;
    // Only for building statements; nothing is connected.
    const VersionTableWriter versions(QSqlDatabase(), dialect, names.versionTableSchema, names.versionTable);
    // PostgreSQL: Retort's own schema, as a run keeps it. SQLite: the
    // database file itself, since a script cannot know the path of
    // Retort's own file; the next run moves the table there.
    const QString historyName = dialect == Dialect::SQLite
        ? qualifiedTableName({}, names.historyTable)
        : HistoryTable(QSqlDatabase(), dialect, names.versionTableSchema, names.historyTable).qualifiedName();
    const QString historyInsert =
        sqlResource(QStringLiteral("history_insert"), dialect, { { QStringLiteral("history_table"), historyName } });
    const QString now = dialect == Dialect::PostgreSQL ? QStringLiteral("now()")
                                                       : QStringLiteral("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");

    QString out;
    out += QStringLiteral("-- %1 from %2 to %3: %4 migration(s), for %5.\n")
               .arg(plan.direction == Direction::Upgrade ? tr("Upgrade") : tr("Downgrade"),
                   versionRowsText(plan.versionRowsBefore), versionRowsText(plan.versionRowsAfter()),
                   QString::number(steps->size()), dialectName(dialect));
    out += tr("-- Written by %1; the statements a run would send, in its transactions.\n\n").arg(toolVersion);
    if (steps->isEmpty())
        return out;
    out += versions.createStatement() + QLatin1String(";\n\n");
    if (dialect == Dialect::PostgreSQL) {
        out += withoutLeadingComments(sqlResource(QStringLiteral("history_schema_create"), dialect,
                   { { QStringLiteral("schema"), quoteIdentifier(retortSchema()) } })) +
            QLatin1String(";\n\n");
    }
    out += withoutLeadingComments(sqlResource(
               QStringLiteral("history_create"), dialect, { { QStringLiteral("history_table"), historyName } })) +
        QLatin1String(";\n\n");

    for (const PreparedStep &step : std::as_const(*steps)) {
        const Revision &revision = project.graph.revision(step.revision);
        out += QLatin1String("-- Running ") + stepLog(revision, step.direction) + QLatin1Char('\n');
        if (!step.transactional)
            out += tr("-- transactional: false; its statements run one by one, outside a transaction\n");
        if (step.transactional)
            out += QLatin1String("BEGIN;\n\n");
        for (const SqlStatement &statement : step.statements)
            out += statement.text + QLatin1String(";\n\n");
        if (!step.transactional)
            out += QLatin1String("BEGIN;\n\n");
        for (const QString &statement : versions.changeStatements(step.versionRowsBefore, step.versionRowsAfter))
            out += statement + QLatin1String(";\n\n");
        const QStringList values = {
            sqlStringLiteral(step.revisionId),
            sqlStringLiteral(historyActionName(
                step.direction == Direction::Upgrade ? HistoryAction::Upgrade : HistoryAction::Downgrade)),
            sqlStringLiteral(historyOutcomeName(HistoryOutcome::Succeeded)),
            literalOrNull(step.checksum),
            literalOrNull(step.script),
            literalOrNull(QDir(project.directory).relativeFilePath(step.filePath)),
            sqlStringLiteral(step.versionRowsAfter.join(QLatin1Char(' '))),
            QStringLiteral("NULL"),
            now,
            QStringLiteral("NULL"),
            QString::number(step.statements.size()),
            QStringLiteral("NULL"),
            sqlStringLiteral(toolVersion + QLatin1String(" (offline script)")),
        };
        QString insert = inlineParameters(historyInsert, values);
        // The id a run reads back is of no use here.
        insert.replace(QLatin1String("\nRETURNING id"), QString());
        out += insert + QLatin1String(";\n\nCOMMIT;\n\n");
    }
    return out;
}

} // namespace Retort
