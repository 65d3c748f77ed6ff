#include "rulechecks.h"

#include <QCoreApplication>

namespace Retort {

using namespace PgNode;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

QStringList droppedNames(const QJsonObject &drop)
{
    QStringList result;
    for (const QJsonValue &object : array(drop, "objects")) {
        const QJsonObject item = object.toObject();
        // DROP TABLE a.b: a List of Strings; DROP SCHEMA s: a String.
        const QStringList parts = names(array(as(item, "List"), "items"));
        result.append(parts.isEmpty() ? string(as(item, "String"), "sval") : parts.join(QLatin1Char('.')));
    }
    return result;
}

} // namespace

void checkDestructiveRules(const QJsonObject &tree, LintContext &context)
{
    const QString kind = type(tree);
    const QJsonObject node = body(tree);
    if (kind == QLatin1String("DropStmt")) {
        const QString removeType = string(node, "removeType");
        for (const QString &name : droppedNames(node)) {
            if (removeType == QLatin1String("OBJECT_TABLE") && !context.isNewTable(name))
                context.report("drop-table", tr("drops table %1 and its rows").arg(name), name);
            else if (removeType == QLatin1String("OBJECT_SCHEMA"))
                context.report("drop-schema", tr("drops schema %1 and everything in it").arg(name));
        }
    } else if (kind == QLatin1String("DropdbStmt")) {
        context.report("drop-database", tr("drops database %1").arg(string(node, "dbname")));
    } else if (kind == QLatin1String("TruncateStmt")) {
        if (string(node, "behavior") == QLatin1String("DROP_CASCADE")) {
            const QJsonArray relations = array(node, "relations");
            const QString table =
                relations.isEmpty() ? QString() : relation(as(relations.first().toObject(), "RangeVar"));
            context.report("truncate-cascade",
                tr("TRUNCATE %1 CASCADE also empties every table that references it").arg(table), table);
        }
    } else if (kind == QLatin1String("DeleteStmt") || kind == QLatin1String("UpdateStmt")) {
        const QString table = relation(object(node, "relation"));
        if (!node.contains(QLatin1String("whereClause")) && !context.isNewTable(table)) {
            if (kind == QLatin1String("DeleteStmt"))
                context.report("delete-without-where", tr("deletes every row of %1").arg(table), table);
            else
                context.report("update-without-where", tr("overwrites every row of %1").arg(table), table);
        }
    } else if (kind == QLatin1String("ClusterStmt")) {
        const QString table = relation(object(node, "relation"));
        context.report("cluster-vacuum-full",
            table.isEmpty() ? tr("CLUSTER rewrites every clustered table of the database under ACCESS EXCLUSIVE locks")
                            : tr("CLUSTER rewrites %1 under an ACCESS EXCLUSIVE lock").arg(table),
            table);
    } else if (kind == QLatin1String("VacuumStmt") && hasOption(array(node, "options"), "full")) {
        const QJsonArray relations = array(node, "rels");
        const QString table = relations.isEmpty()
            ? QString()
            : relation(object(as(relations.first().toObject(), "VacuumRelation"), "relation"));
        context.report("cluster-vacuum-full",
            table.isEmpty() ? tr("VACUUM FULL rewrites every table of the database under ACCESS EXCLUSIVE locks")
                            : tr("VACUUM FULL rewrites %1 under an ACCESS EXCLUSIVE lock").arg(table),
            table);
    }
    forEachAlterTableCommand(tree, [&](const QString &table, const QJsonObject &command) {
        if (string(command, "subtype") == QLatin1String("AT_DropColumn") && !context.isNewTable(table)) {
            const QString column = string(command, "name");
            context.report("drop-column", tr("drops column %1.%2 and its data").arg(table, column), table, column);
        }
    });
}

void checkRenameRules(const QJsonObject &tree, LintContext &context)
{
    const QJsonObject rename = as(tree, "RenameStmt");
    if (!rename.isEmpty()) {
        const QString renameType = string(rename, "renameType");
        const QString table = relation(object(rename, "relation"));
        const QString newName = string(rename, "newname");
        if (context.isNewTable(table)) {
            if (renameType == QLatin1String("OBJECT_TABLE"))
                context.addNewTable(newName);
            return;
        }
        if (renameType == QLatin1String("OBJECT_TABLE")) {
            context.report("rename-table",
                tr("renames table %1 to %2; code using the old name breaks").arg(table, newName), table);
        } else if (renameType == QLatin1String("OBJECT_COLUMN")) {
            const QString column = string(rename, "subname");
            context.report("rename-column",
                tr("renames column %1.%2 to %3; code using the old name breaks").arg(table, column, newName), table,
                column);
        } else if (renameType == QLatin1String("OBJECT_SCHEMA")) {
            context.report("rename-schema",
                tr("renames schema %1 to %2; everything naming it breaks").arg(string(rename, "subname"), newName));
        }
        return;
    }
    const QJsonObject alterEnum = as(tree, "AlterEnumStmt");
    if (!alterEnum.isEmpty() && alterEnum.contains(QLatin1String("oldVal"))) {
        context.report("rename-enum-value",
            tr("renames value '%1' of %2 to '%3'; code using the old value breaks")
                .arg(string(alterEnum, "oldVal"), names(array(alterEnum, "typeName")).join(QLatin1Char('.')),
                    string(alterEnum, "newVal")));
    }
}

} // namespace Retort
