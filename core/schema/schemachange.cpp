#include "schemachange.h"

namespace Retort {

QString actionName(SchemaChange::Action action)
{
    switch (action) {
    case SchemaChange::Action::Create:
        return QStringLiteral("create");
    case SchemaChange::Action::Drop:
        return QStringLiteral("drop");
    case SchemaChange::Action::Alter:
        return QStringLiteral("alter");
    }
    return {};
}

QStringList riskNames(ChangeRisks risks)
{
    QStringList names;
    if (risks.testFlag(ChangeRisk::DeletesData))
        names.append(QStringLiteral("deletes-data"));
    if (risks.testFlag(ChangeRisk::RewritesTable))
        names.append(QStringLiteral("rewrites-table"));
    if (risks.testFlag(ChangeRisk::AccessExclusiveLock))
        names.append(QStringLiteral("access-exclusive-lock"));
    if (risks.testFlag(ChangeRisk::NotInTransaction))
        names.append(QStringLiteral("not-in-transaction"));
    if (risks.testFlag(ChangeRisk::PossibleRename))
        names.append(QStringLiteral("possible-rename"));
    return names;
}

namespace {

QString commented(const QString &text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line.prepend(QLatin1String("-- "));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

QString changeScript(const QList<SchemaChange> &changes)
{
    QString script;
    for (const SchemaChange &change : changes) {
        if (!script.isEmpty())
            script += QLatin1Char('\n');
        script += QStringLiteral("-- %1 %2 %3").arg(actionName(change.action), change.kind, change.object);
        const QStringList risks = riskNames(change.risks);
        if (!risks.isEmpty())
            script += QStringLiteral(" [%1]").arg(risks.join(QLatin1String(", ")));
        script += QLatin1Char('\n');
        if (!change.note.isEmpty())
            script += commented(change.note) + QLatin1Char('\n');
        if (!change.problem.isEmpty()) {
            script += commented(QStringLiteral("PROBLEM: ") + change.problem) + QLatin1Char('\n');
            if (!change.sql.isEmpty())
                script += commented(change.sql) + QLatin1Char('\n');
            continue;
        }
        script += change.sql + QLatin1Char('\n');
    }
    return script;
}

} // namespace Retort
