#include "lintlocks.h"

#include "pgnode.h"

namespace Retort {

using namespace PgNode;

QString pgLockName(PgLock lock)
{
    switch (lock) {
    case PgLock::None:
        return {};
    case PgLock::AccessShare:
        return QStringLiteral("ACCESS SHARE");
    case PgLock::RowShare:
        return QStringLiteral("ROW SHARE");
    case PgLock::RowExclusive:
        return QStringLiteral("ROW EXCLUSIVE");
    case PgLock::ShareUpdateExclusive:
        return QStringLiteral("SHARE UPDATE EXCLUSIVE");
    case PgLock::Share:
        return QStringLiteral("SHARE");
    case PgLock::ShareRowExclusive:
        return QStringLiteral("SHARE ROW EXCLUSIVE");
    case PgLock::Exclusive:
        return QStringLiteral("EXCLUSIVE");
    case PgLock::AccessExclusive:
        break;
    }
    return QStringLiteral("ACCESS EXCLUSIVE");
}

namespace {

PgLock alterTableCommandLock(const QJsonObject &command)
{
    const QString subtype = string(command, "subtype");
    if (subtype == QLatin1String("AT_AddConstraint")) {
        const QJsonObject constraint = as(object(command, "def"), "Constraint");
        return string(constraint, "contype") == QLatin1String("CONSTR_FOREIGN") ? PgLock::ShareRowExclusive
                                                                                : PgLock::AccessExclusive;
    }
    if (subtype == QLatin1String("AT_DetachPartition")) {
        return boolean(as(object(command, "def"), "PartitionCmd"), "concurrent") ? PgLock::ShareUpdateExclusive
                                                                                 : PgLock::AccessExclusive;
    }
    static const QStringList shareUpdateExclusive = { QStringLiteral("AT_ValidateConstraint"),
        QStringLiteral("AT_SetStatistics"), QStringLiteral("AT_SetOptions"), QStringLiteral("AT_ResetOptions"),
        QStringLiteral("AT_ClusterOn"), QStringLiteral("AT_DropCluster"), QStringLiteral("AT_SetRelOptions"),
        QStringLiteral("AT_ResetRelOptions"), QStringLiteral("AT_AttachPartition"),
        QStringLiteral("AT_DetachPartitionFinalize") };
    if (shareUpdateExclusive.contains(subtype))
        return PgLock::ShareUpdateExclusive;
    static const QStringList shareRowExclusive = { QStringLiteral("AT_EnableTrig"), QStringLiteral("AT_DisableTrig"),
        QStringLiteral("AT_EnableTrigAll"), QStringLiteral("AT_DisableTrigAll"), QStringLiteral("AT_EnableTrigUser"),
        QStringLiteral("AT_DisableTrigUser"), QStringLiteral("AT_EnableAlwaysTrig"),
        QStringLiteral("AT_EnableReplicaTrig") };
    if (shareRowExclusive.contains(subtype))
        return PgLock::ShareRowExclusive;
    return PgLock::AccessExclusive;
}

} // namespace

StatementLock statementLock(const QJsonObject &tree)
{
    const QString kind = type(tree);
    const QJsonObject node = body(tree);
    StatementLock lock;
    if (kind == QLatin1String("AlterTableStmt")) {
        lock.table = relation(object(node, "relation"));
        for (const QJsonValue &command : array(node, "cmds"))
            lock.mode = std::max(lock.mode, alterTableCommandLock(as(command.toObject(), "AlterTableCmd")));
    } else if (kind == QLatin1String("IndexStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = boolean(node, "concurrent") ? PgLock::ShareUpdateExclusive : PgLock::Share;
    } else if (kind == QLatin1String("DropStmt")) {
        const QJsonArray objects = array(node, "objects");
        if (!objects.isEmpty())
            lock.table = names(array(as(objects.first().toObject(), "List"), "items")).join(QLatin1Char('.'));
        const QString removeType = string(node, "removeType");
        if (removeType == QLatin1String("OBJECT_INDEX") && boolean(node, "concurrent"))
            lock.mode = PgLock::ShareUpdateExclusive;
        else if (removeType == QLatin1String("OBJECT_TABLE") || removeType == QLatin1String("OBJECT_INDEX") ||
            removeType == QLatin1String("OBJECT_MATVIEW"))
            lock.mode = PgLock::AccessExclusive;
    } else if (kind == QLatin1String("RenameStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = lock.table.isEmpty() ? PgLock::None : PgLock::AccessExclusive;
    } else if (kind == QLatin1String("TruncateStmt")) {
        const QJsonArray relations = array(node, "relations");
        if (!relations.isEmpty())
            lock.table = relation(as(relations.first().toObject(), "RangeVar"));
        lock.mode = PgLock::AccessExclusive;
    } else if (kind == QLatin1String("ClusterStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = PgLock::AccessExclusive;
    } else if (kind == QLatin1String("VacuumStmt")) {
        const QJsonArray relations = array(node, "rels");
        if (!relations.isEmpty())
            lock.table = relation(object(as(relations.first().toObject(), "VacuumRelation"), "relation"));
        lock.mode = hasOption(array(node, "options"), "full") ? PgLock::AccessExclusive : PgLock::ShareUpdateExclusive;
    } else if (kind == QLatin1String("ReindexStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = hasOption(array(node, "params"), "concurrently") ? PgLock::ShareUpdateExclusive : PgLock::Share;
    } else if (kind == QLatin1String("CreateTrigStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = PgLock::ShareRowExclusive;
    } else if (kind == QLatin1String("InsertStmt") || kind == QLatin1String("UpdateStmt") ||
        kind == QLatin1String("DeleteStmt")) {
        lock.table = relation(object(node, "relation"));
        lock.mode = PgLock::RowExclusive;
    } else if (kind == QLatin1String("LockStmt")) {
        const QJsonArray relations = array(node, "relations");
        if (!relations.isEmpty())
            lock.table = relation(as(relations.first().toObject(), "RangeVar"));
        // LOCK's mode numbers are PostgreSQL's lockdefs.h: 1 ACCESS SHARE ... 8 ACCESS EXCLUSIVE.
        const int mode = node.value(QLatin1String("mode")).toInt(8);
        lock.mode = PgLock(std::clamp(mode, 1, 8));
    }
    return lock;
}

} // namespace Retort
