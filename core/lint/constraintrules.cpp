#include "rulechecks.h"
#include "sql/sqllexer.h"

#include <QCoreApplication>

namespace Retort {

using namespace PgNode;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

QString key(const QString &table, const QString &name)
{
    return lintUnqualified(table) + QLatin1Char('/') + name;
}

// The column of a CHECK (column IS NOT NULL), or empty.
QString notNullCheckColumn(const QJsonObject &constraint)
{
    const QJsonObject test = as(object(constraint, "raw_expr"), "NullTest");
    if (string(test, "nulltesttype") != QLatin1String("IS_NOT_NULL"))
        return {};
    const QStringList fields = names(array(as(object(test, "arg"), "ColumnRef"), "fields"));
    return fields.size() == 1 ? fields.first() : QString();
}

// The text of the first CHECK (...) expression in a statement.
QString checkExpression(const QString &statement)
{
    SqlLexer lexer(statement, Dialect::PostgreSQL);
    SqlToken token;
    bool afterCheck = false;
    int depth = 0;
    qsizetype begin = -1;
    while (lexer.next(token)) {
        if (depth == 0 && token.isWord("CHECK")) {
            afterCheck = true;
        } else if (token.isPunctuation('(')) {
            if (afterCheck && depth == 0)
                begin = token.offset + 1;
            ++depth;
        } else if (token.isPunctuation(')')) {
            if (--depth == 0 && begin >= 0)
                return statement.mid(begin, token.offset - begin).trimmed();
        }
    }
    return {};
}

void addConstraint(const QString &table, const QJsonObject &constraint, const QString &text, LintContext &context)
{
    const QString kind = string(constraint, "contype");
    const QString name = string(constraint, "conname");
    const bool notValid = boolean(constraint, "skip_validation");
    const bool existing = !context.isNewTable(table);
    if (notValid && !name.isEmpty())
        context.m_notValid.insert(key(table, name), context.m_transactionSerial);
    if (kind == QLatin1String("CONSTR_FOREIGN")) {
        if (!name.isEmpty())
            context.m_foreignKeys.insert(key(table, name));
        if (existing && !notValid) {
            const QString referenced = relation(object(constraint, "pktable"));
            context.report("foreign-key-not-valid",
                tr("the foreign key checks every row of %1 while writes to %1 and %2 wait; add it NOT VALID and "
                   "VALIDATE it in a later migration")
                    .arg(table, referenced),
                table);
            context.lastFinding().dataCheck = { LintDataCheck::Orphans, table, names(array(constraint, "fk_attrs")),
                referenced, names(array(constraint, "pk_attrs")), {}, {}, {} };
        }
    } else if (kind == QLatin1String("CONSTR_CHECK")) {
        const QString column = notNullCheckColumn(constraint);
        if (!column.isEmpty() && !name.isEmpty())
            context.m_notNullChecks.insert(key(table, name), column);
        if (existing && !notValid) {
            context.report("check-not-valid",
                tr("the CHECK constraint scans all of %1 under an ACCESS EXCLUSIVE lock; add it NOT VALID and "
                   "VALIDATE it in a later migration")
                    .arg(table),
                table);
            const QString expression = checkExpression(text);
            if (!expression.isEmpty())
                context.lastFinding().dataCheck = { LintDataCheck::CheckViolations, table, {}, {}, {}, expression, {},
                    {} };
        } else if (!existing && !column.isEmpty()) {
            context.m_provenNotNull.insert(lintUnqualified(table) + QLatin1Char('.') + column);
        }
    } else if ((kind == QLatin1String("CONSTR_PRIMARY") || kind == QLatin1String("CONSTR_UNIQUE")) && existing &&
        string(constraint, "indexname").isEmpty()) {
        context.report("unique-without-index",
            tr("%1 builds its index on %2 while every read and write waits; build a unique index CONCURRENTLY "
               "and add the constraint USING INDEX")
                .arg(kind == QLatin1String("CONSTR_PRIMARY") ? QStringLiteral("PRIMARY KEY") : QStringLiteral("UNIQUE"),
                    table),
            table);
        context.lastFinding().dataCheck = { LintDataCheck::Duplicates, table, names(array(constraint, "keys")), {}, {},
            {}, {}, {} };
    } else if (kind == QLatin1String("CONSTR_EXCLUSION") && existing) {
        context.report("exclusion-constraint",
            tr("the exclusion constraint builds its index on %1 under an ACCESS EXCLUSIVE lock").arg(table), table);
    }
}

} // namespace

void checkConstraintRules(const QJsonObject &tree, const QString &text, LintContext &context)
{
    forEachAlterTableCommand(tree, [&](const QString &table, const QJsonObject &command) {
        const QString subtype = string(command, "subtype");
        const QString name = string(command, "name");
        const bool existing = !context.isNewTable(table);
        if (subtype == QLatin1String("AT_AddConstraint")) {
            addConstraint(table, as(object(command, "def"), "Constraint"), text, context);
        } else if (subtype == QLatin1String("AT_ValidateConstraint")) {
            const auto added = context.m_notValid.constFind(key(table, name));
            if (added != context.m_notValid.constEnd() && *added == context.m_transactionSerial &&
                context.inTransaction() && existing) {
                context.report("validate-in-same-transaction",
                    tr("%1 is validated in the transaction that added it, so the lock taken by ADD CONSTRAINT is "
                       "held during the scan; validate it in a later migration")
                        .arg(name),
                    table);
            }
            const QString column = context.m_notNullChecks.value(key(table, name));
            if (!column.isEmpty())
                context.m_provenNotNull.insert(lintUnqualified(table) + QLatin1Char('.') + column);
        } else if (subtype == QLatin1String("AT_SetNotNull") && existing) {
            const bool proven = context.m_provenNotNull.contains(lintUnqualified(table) + QLatin1Char('.') + name);
            if (!proven || context.pgVersion() < 12) {
                context.report("set-not-null-scan",
                    context.pgVersion() < 12
                        ? tr("SET NOT NULL on %1.%2 scans the whole table under an ACCESS EXCLUSIVE lock "
                             "(PostgreSQL %3 cannot use a CHECK constraint to skip it)")
                              .arg(table, name)
                              .arg(context.pgVersion())
                        : tr("SET NOT NULL on %1.%2 scans the whole table under an ACCESS EXCLUSIVE lock; validate "
                             "a CHECK (%2 IS NOT NULL) constraint first")
                              .arg(table, name),
                    table, name);
                context.lastFinding().dataCheck = { LintDataCheck::Nulls, table, { name }, {}, {}, {}, {}, {} };
            }
        } else if (subtype == QLatin1String("AT_DropNotNull") && existing) {
            context.report("drop-not-null",
                tr("%1.%2 may hold NULL from now on; readers must handle it").arg(table, name), table, name);
        } else if (subtype == QLatin1String("AT_DropConstraint") && existing) {
            // Without the database the kind of a dropped constraint is known
            // only when this run saw it added, or by PostgreSQL's own naming.
            if (context.m_foreignKeys.contains(key(table, name)) || name.endsWith(QLatin1String("_fkey"))) {
                context.report("drop-foreign-key",
                    tr("dropping foreign key %1 lets orphaned rows into %2").arg(name, table), table);
            }
        }
    });
}

} // namespace Retort
