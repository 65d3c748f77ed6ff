#include "rulechecks.h"

#include <QCoreApplication>

namespace Retort {

using namespace PgNode;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Lint", text);
}

bool isSerial(const QString &type)
{
    static const QStringList serials = { QStringLiteral("serial"), QStringLiteral("serial4"),
        QStringLiteral("bigserial"), QStringLiteral("serial8"), QStringLiteral("smallserial"),
        QStringLiteral("serial2") };
    return serials.contains(type);
}

// Functions whose value differs per row: a default calling one is computed
// for every existing row (PostgreSQL's provolatile = 'v' among the usual
// defaults).
bool isVolatileFunction(const QString &name)
{
    static const QStringList volatileFunctions = { QStringLiteral("random"), QStringLiteral("gen_random_uuid"),
        QStringLiteral("uuid_generate_v1"), QStringLiteral("uuid_generate_v1mc"), QStringLiteral("uuid_generate_v4"),
        QStringLiteral("uuidv4"), QStringLiteral("uuidv7"), QStringLiteral("clock_timestamp"),
        QStringLiteral("timeofday"), QStringLiteral("nextval"), QStringLiteral("txid_current"),
        QStringLiteral("random_normal"), QStringLiteral("gen_random_bytes"), QStringLiteral("setseed") };
    return volatileFunctions.contains(name);
}

void addColumn(const QString &table, const QJsonObject &column, LintContext &context)
{
    const QString name = string(column, "colname");
    const QJsonObject typeNode = object(column, "typeName");
    const QString type = typeName(typeNode);
    context.setColumnType(table, name, { type, typeModifiers(typeNode) });
    if (context.isNewTable(table))
        return;
    bool hasDefault = false;
    bool notNull = false;
    bool filled = isSerial(type);
    for (const QJsonValue &value : array(column, "constraints")) {
        const QJsonObject constraint = as(value.toObject(), "Constraint");
        const QString kind = string(constraint, "contype");
        if (kind == QLatin1String("CONSTR_NOTNULL") || kind == QLatin1String("CONSTR_PRIMARY")) {
            notNull = true;
        } else if (kind == QLatin1String("CONSTR_IDENTITY")) {
            filled = true;
        } else if (kind == QLatin1String("CONSTR_GENERATED")) {
            hasDefault = true;
            context.report("stored-generated-column",
                tr("the stored generated column %1 is computed for every row of %2 under an ACCESS EXCLUSIVE lock")
                    .arg(name, table),
                table, name);
        } else if (kind == QLatin1String("CONSTR_DEFAULT")) {
            hasDefault = true;
            const QJsonObject expression = object(constraint, "raw_expr");
            QString volatileCall;
            for (const QString &function : calledFunctions(expression)) {
                if (isVolatileFunction(function))
                    volatileCall = function;
            }
            if (!volatileCall.isEmpty()) {
                context.report("volatile-default",
                    tr("the default %1() is volatile, so adding %2 rewrites every row of %3 under an ACCESS "
                       "EXCLUSIVE lock")
                        .arg(volatileCall, name, table),
                    table, name);
            } else if (context.pgVersion() < 11 && !as(expression, "A_Const").contains(QLatin1String("isnull"))) {
                context.report("volatile-default",
                    tr("before PostgreSQL 11 any default rewrites the table: adding %1 rewrites every row of %2")
                        .arg(name, table),
                    table, name);
            }
        } else if ((kind == QLatin1String("CONSTR_UNIQUE")) && string(constraint, "indexname").isEmpty()) {
            context.report("unique-without-index",
                tr("UNIQUE on the new column %1 builds its index on %2 while every read and write waits")
                    .arg(name, table),
                table, name);
        }
    }
    if (filled) {
        context.report("serial-identity-column",
            tr("the %1 column %2 gives every existing row of %3 a value: a rewrite under an ACCESS EXCLUSIVE lock")
                .arg(isSerial(type) ? type : QStringLiteral("identity"), name, table),
            table, name);
    } else if (notNull && !hasDefault) {
        context.report("not-null-without-default",
            tr("%1 is NOT NULL without a DEFAULT: the statement fails if %2 has any row").arg(name, table), table,
            name);
        context.lastFinding().dataCheck = { LintDataCheck::AnyRows, table, {}, {}, {}, {}, {}, {} };
    }
}

QString typeText(const LintColumnType &type)
{
    if (type.modifiers.isEmpty())
        return type.name;
    QStringList modifiers;
    for (int modifier : type.modifiers)
        modifiers.append(QString::number(modifier));
    return type.name + QLatin1Char('(') + modifiers.join(QLatin1Char(',')) + QLatin1Char(')');
}

void alterColumnType(const QString &table, const QJsonObject &command, LintContext &context)
{
    const QString name = string(command, "name");
    const QJsonObject column = as(object(command, "def"), "ColumnDef");
    const QJsonObject typeNode = object(column, "typeName");
    const LintColumnType to { typeName(typeNode), typeModifiers(typeNode) };
    const LintColumnType from = context.columnType(table, name);
    context.setColumnType(table, name, to);
    if (context.isNewTable(table))
        return;
    const bool withUsing = column.contains(QLatin1String("raw_default"));
    if (!from.name.isEmpty() && !withUsing && lintBinaryCompatible(from, to))
        return;
    context.report("column-type-rewrite",
        from.name.isEmpty()
            ? tr("changing %1.%2 to %3 rewrites the table under an ACCESS EXCLUSIVE lock unless the old type is "
                 "binary-compatible (unknown here: lint the revision that made the column, or connect)")
                  .arg(table, name, typeText(to))
            : tr("changing %1.%2 from %3 to %4 rewrites the table and its indexes under an ACCESS EXCLUSIVE lock")
                  .arg(table, name, typeText(from), typeText(to)),
        table, name);
    if (from.name.isEmpty())
        context.lastFinding().dataCheck = { LintDataCheck::TypeChange, table, { name }, {}, {}, {}, to.name,
            to.modifiers };
}

} // namespace

bool lintBinaryCompatible(const LintColumnType &from, const LintColumnType &to)
{
    const auto isVarchar = [](const QString &t) { return t == QLatin1String("varchar"); };
    const auto isText = [](const QString &t) { return t == QLatin1String("text"); };
    if (from.name == to.name && from.modifiers == to.modifiers)
        return true;
    if ((isVarchar(from.name) || isText(from.name)) && isText(to.name))
        return true;
    if (isVarchar(from.name) && isVarchar(to.name))
        return to.modifiers.isEmpty() || (!from.modifiers.isEmpty() && to.modifiers.first() >= from.modifiers.first());
    if (isText(from.name) && isVarchar(to.name))
        return to.modifiers.isEmpty();
    if (from.name == QLatin1String("numeric") && to.name == QLatin1String("numeric")) {
        if (to.modifiers.isEmpty())
            return true;
        // Same scale, larger or equal precision.
        return from.modifiers.size() == 2 && to.modifiers.size() == 2 && to.modifiers.at(1) == from.modifiers.at(1) &&
            to.modifiers.at(0) >= from.modifiers.at(0);
    }
    if (from.name == QLatin1String("varbit") && to.name == QLatin1String("varbit"))
        return to.modifiers.isEmpty() || (!from.modifiers.isEmpty() && to.modifiers.first() >= from.modifiers.first());
    if (from.name == QLatin1String("cidr") && to.name == QLatin1String("inet"))
        return true;
    return false;
}

void checkColumnRules(const QJsonObject &tree, LintContext &context)
{
    const QJsonObject create = as(tree, "CreateStmt");
    if (!create.isEmpty()) {
        const QString table = relation(object(create, "relation"));
        context.addNewTable(table);
        for (const QJsonValue &element : array(create, "tableElts")) {
            const QJsonObject column = as(element.toObject(), "ColumnDef");
            if (!column.isEmpty()) {
                const QJsonObject typeNode = object(column, "typeName");
                context.setColumnType(
                    table, string(column, "colname"), { typeName(typeNode), typeModifiers(typeNode) });
            }
        }
        return;
    }
    const QJsonObject createAs = as(tree, "CreateTableAsStmt");
    if (!createAs.isEmpty()) {
        // CREATE TABLE AS fills the table, but nothing else can see it yet.
        context.addNewTable(relation(object(object(createAs, "into"), "rel")));
        return;
    }
    forEachAlterTableCommand(tree, [&](const QString &table, const QJsonObject &command) {
        const QString subtype = string(command, "subtype");
        if (subtype == QLatin1String("AT_AddColumn"))
            addColumn(table, as(object(command, "def"), "ColumnDef"), context);
        else if (subtype == QLatin1String("AT_AlterColumnType"))
            alterColumnType(table, command, context);
    });
}

} // namespace Retort
