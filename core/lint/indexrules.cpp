#include "rulechecks.h"

#include <QCoreApplication>

namespace Retort {

using namespace PgNode;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

void concurrentlyInTransaction(LintContext &context, const QString &what)
{
    if (context.inTransaction()) {
        context.report("concurrently-in-transaction",
            context.transactional()
                ? tr("%1 cannot run in a transaction, and this migration runs in one; mark it "
                     "\"-- transactional: false\"")
                      .arg(what)
                : tr("%1 cannot run inside the BEGIN at line %2").arg(what).arg(context.m_explicitBeginLine));
    }
}

} // namespace

void checkIndexRules(const QJsonObject &tree, LintContext &context)
{
    const QString kind = type(tree);
    const QJsonObject node = body(tree);
    if (kind == QLatin1String("IndexStmt")) {
        const QString table = relation(object(node, "relation"));
        if (boolean(node, "concurrent")) {
            concurrentlyInTransaction(context, QStringLiteral("CREATE INDEX CONCURRENTLY"));
        } else if (!context.isNewTable(table)) {
            context.report("create-index-blocking",
                tr("CREATE INDEX on %1 blocks its writes until the index is built; use CREATE INDEX CONCURRENTLY")
                    .arg(table),
                table);
            if (boolean(node, "unique")) {
                QStringList columns;
                for (const QJsonValue &element : array(node, "indexParams"))
                    columns.append(string(as(element.toObject(), "IndexElem"), "name"));
                // An expression index has no plain column names to check.
                if (!columns.contains(QString()))
                    context.lastFinding().dataCheck = { LintDataCheck::Duplicates, table, columns, {}, {}, {}, {}, {} };
            }
        }
    } else if (kind == QLatin1String("DropStmt") && string(node, "removeType") == QLatin1String("OBJECT_INDEX")) {
        if (boolean(node, "concurrent")) {
            concurrentlyInTransaction(context, QStringLiteral("DROP INDEX CONCURRENTLY"));
            return;
        }
        QStringList indexes;
        for (const QJsonValue &object : array(node, "objects"))
            indexes.append(names(array(as(object.toObject(), "List"), "items")).join(QLatin1Char('.')));
        context.report("drop-index-blocking",
            tr("DROP INDEX %1 takes an ACCESS EXCLUSIVE lock on its table; use DROP INDEX CONCURRENTLY")
                .arg(indexes.join(QLatin1String(", "))));
    } else if (kind == QLatin1String("ReindexStmt")) {
        const QString table = relation(object(node, "relation"));
        if (hasOption(array(node, "params"), "concurrently")) {
            concurrentlyInTransaction(context, QStringLiteral("REINDEX CONCURRENTLY"));
        } else if (!table.isEmpty() && !context.isNewTable(table)) {
            context.report("reindex-blocking",
                context.pgVersion() >= 12
                    ? tr("REINDEX of %1 blocks writes while it runs; use REINDEX ... CONCURRENTLY").arg(table)
                    : tr("REINDEX of %1 blocks writes while it runs (PostgreSQL %2 has no REINDEX CONCURRENTLY: "
                         "build a new index concurrently and drop the old one)")
                          .arg(table)
                          .arg(context.pgVersion()),
                string(node, "kind") == QLatin1String("REINDEX_OBJECT_TABLE") ? table : QString());
        }
    }
    forEachAlterTableCommand(tree, [&](const QString &table, const QJsonObject &command) {
        if (string(command, "subtype") != QLatin1String("AT_DetachPartition"))
            return;
        const QJsonObject partition = as(object(command, "def"), "PartitionCmd");
        if (boolean(partition, "concurrent")) {
            concurrentlyInTransaction(context, QStringLiteral("DETACH PARTITION CONCURRENTLY"));
        } else {
            context.report("detach-partition-blocking",
                context.pgVersion() >= 14
                    ? tr("DETACH PARTITION locks all of %1 against reads and writes; use DETACH PARTITION ... "
                         "CONCURRENTLY")
                          .arg(table)
                    : tr("DETACH PARTITION locks all of %1 against reads and writes (CONCURRENTLY needs "
                         "PostgreSQL 14)")
                          .arg(table),
                table);
        }
    });
}

} // namespace Retort
