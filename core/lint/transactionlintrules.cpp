#include "lintlocks.h"
#include "rulechecks.h"

#include <QCoreApplication>

namespace Retort {

using namespace PgNode;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

// SET lock_timeout = 0 turns the timeout off.
bool setsTimeout(const QJsonObject &set, const char *name)
{
    if (string(set, "name") != QLatin1String(name) || string(set, "kind") != QLatin1String("VAR_SET_VALUE"))
        return false;
    const QJsonArray args = array(set, "args");
    if (args.isEmpty())
        return false;
    const QJsonObject constant = as(args.first().toObject(), "A_Const");
    if (constant.contains(QLatin1String("ival")))
        return object(constant, "ival").value(QLatin1String("ival")).toInt() != 0;
    const QString value = object(constant, "sval").value(QLatin1String("sval")).toString().trimmed();
    return !value.isEmpty() && value != QLatin1String("0");
}

void endTransaction(LintContext &context)
{
    context.m_explicitBegin = -1;
    context.m_heldTable.clear();
    ++context.m_transactionSerial;
}

} // namespace

void checkTransactionRules(const QJsonObject &tree, LintContext &context)
{
    const QString kind = type(tree);
    const QJsonObject node = body(tree);
    if (kind == QLatin1String("TransactionStmt")) {
        const QString transaction = string(node, "kind");
        if (transaction == QLatin1String("TRANS_STMT_BEGIN") || transaction == QLatin1String("TRANS_STMT_START")) {
            if (context.transactional()) {
                context.report("nested-transaction",
                    tr("BEGIN inside the transaction Retort runs this migration in; remove it, or mark the "
                       "migration \"-- transactional: false\""));
            } else if (context.m_explicitBegin >= 0) {
                context.report("nested-transaction",
                    tr("BEGIN inside the transaction begun at line %1").arg(context.m_explicitBeginLine));
            } else {
                context.m_explicitBegin = context.statementIndex();
                context.m_explicitBeginLine = context.statementLine();
            }
        } else if (transaction == QLatin1String("TRANS_STMT_COMMIT") ||
            transaction == QLatin1String("TRANS_STMT_ROLLBACK") || transaction == QLatin1String("TRANS_STMT_PREPARE")) {
            if (context.transactional()) {
                context.report("nested-transaction",
                    tr("%1 ends the transaction Retort runs this migration in; remove it, or mark the migration "
                       "\"-- transactional: false\"")
                        .arg(transaction.mid(int(qstrlen("TRANS_STMT_")))));
            }
            endTransaction(context);
        }
        return;
    }
    if (kind == QLatin1String("VariableSetStmt")) {
        context.m_lockTimeout = context.m_lockTimeout || setsTimeout(node, "lock_timeout");
        context.m_statementTimeout = context.m_statementTimeout || setsTimeout(node, "statement_timeout");
        return;
    }

    const StatementLock lock = statementLock(tree);
    if (!context.m_heldTable.isEmpty() && context.inTransaction()) {
        context.report("statements-after-access-exclusive",
            tr("runs while the ACCESS EXCLUSIVE lock on %1 taken at line %2 is still held; every query on %1 waits "
               "for it too")
                .arg(context.m_heldTable)
                .arg(context.m_heldLine),
            context.m_heldTable);
        context.m_heldTable.clear(); // once per lock
    }
    const bool existing = !lock.table.isEmpty() && !context.isNewTable(lock.table);
    if (lock.dangerous() && existing) {
        if (!context.m_lockTimeout && !context.m_reportedLockTimeout) {
            context.m_reportedLockTimeout = true;
            context.report("missing-lock-timeout",
                tr("takes the %1 lock on %2 without a lock_timeout: while it waits, every query on %2 queues behind it")
                    .arg(pgLockName(lock.mode), lock.table),
                lock.table);
        }
        if (!context.m_statementTimeout && !context.m_reportedStatementTimeout) {
            context.m_reportedStatementTimeout = true;
            context.report("missing-statement-timeout",
                tr("takes the %1 lock on %2 without a statement_timeout").arg(pgLockName(lock.mode), lock.table),
                lock.table);
        }
    }
}

void noteStatementLock(const QJsonObject &tree, LintContext &context)
{
    const StatementLock lock = statementLock(tree);
    if (lock.mode == PgLock::AccessExclusive && context.inTransaction() && !lock.table.isEmpty() &&
        !context.isNewTable(lock.table)) {
        context.m_heldTable = lock.table;
        context.m_heldLine = context.statementLine();
    }
}

void finishTransactionRules(LintContext &context)
{
    if (context.m_explicitBegin >= 0) {
        context.reportAt(context.m_explicitBegin, "uncommitted-transaction",
            tr("the transaction begun here is never committed; its locks stay until the connection closes"));
    }
}

} // namespace Retort
