#pragma once

#include "lintcontext.h"

#include <QJsonObject>

namespace Retort {

// The rules, one function per topic, each reading one statement's parse
// tree (libpg_query JSON: {"AlterTableStmt": {...}}) and reporting to the
// context. The Linter calls them in order for every statement.
void checkIndexRules(const QJsonObject &tree, LintContext &context);
// `text` is the statement's text (a CHECK's expression is read from it).
void checkConstraintRules(const QJsonObject &tree, const QString &text, LintContext &context);
void checkColumnRules(const QJsonObject &tree, LintContext &context);
void checkDestructiveRules(const QJsonObject &tree, LintContext &context);
void checkRenameRules(const QJsonObject &tree, LintContext &context);
// Types and names; `text` is the statement's text (identifier lengths are
// read from it, since the parser has already cut long names).
void checkTypeRules(const QJsonObject &tree, const QString &text, LintContext &context);
// Transactions, timeouts and held locks: before the statement's own rules.
void checkTransactionRules(const QJsonObject &tree, LintContext &context);
// After a statement's rules: the ACCESS EXCLUSIVE lock it leaves held.
void noteStatementLock(const QJsonObject &tree, LintContext &context);
// After the last statement: a BEGIN never committed.
void finishTransactionRules(LintContext &context);

// For each ALTER TABLE subcommand: the table and the command's body.
template<typename Function>
void forEachAlterTableCommand(const QJsonObject &tree, Function function);

} // namespace Retort

#include "pgnode.h"

template<typename Function>
void Retort::forEachAlterTableCommand(const QJsonObject &tree, Function function)
{
    const QJsonObject alter = PgNode::as(tree, "AlterTableStmt");
    if (alter.isEmpty() || PgNode::string(alter, "objtype") != QLatin1String("OBJECT_TABLE"))
        return;
    const QString table = PgNode::relation(PgNode::object(alter, "relation"));
    for (const QJsonValue &command : PgNode::array(alter, "cmds"))
        function(table, PgNode::as(command.toObject(), "AlterTableCmd"));
}
