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

bool isSmallInteger(const QString &type)
{
    static const QStringList small = { QStringLiteral("int4"), QStringLiteral("int2"), QStringLiteral("serial"),
        QStringLiteral("serial4"), QStringLiteral("smallserial"), QStringLiteral("serial2") };
    return small.contains(type);
}

// Whether `text` could hold a name over 63 bytes: a quoted one, or a run
// of more than 21 name characters (a UTF-16 unit is at most 3 UTF-8 bytes).
bool mayHoldLongName(const QString &text)
{
    qsizetype run = 0;
    for (const QChar c : text) {
        if (c == QLatin1Char('"'))
            return true;
        const bool nameCharacter = c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
        run = nameCharacter ? run + 1 : 0;
        if (run > 21)
            return true;
    }
    return false;
}

void checkColumnType(const QString &table, const QJsonObject &column, LintContext &context)
{
    const QString name = string(column, "colname");
    const QJsonObject typeNode = object(column, "typeName");
    const QString type = typeName(typeNode);
    const QStringList qualified = names(array(typeNode, "names"));
    // Built-in types come back as pg_catalog.NAME; a user type named "json"
    // or "timestamp" would not.
    const bool builtIn = qualified.size() == 2 && qualified.first() == QLatin1String("pg_catalog");
    if (type == QLatin1String("json") && (qualified.size() == 1 || builtIn)) {
        context.report(
            "prefer-jsonb", tr("%1.%2 is json; jsonb can be compared and indexed").arg(table, name), table, name);
    } else if (type == QLatin1String("timestamp") && builtIn) {
        context.report("timestamp-without-time-zone",
            tr("%1.%2 is timestamp without time zone; use timestamptz").arg(table, name), table, name);
    } else if (type == QLatin1String("bpchar") && builtIn) {
        context.report("char-column",
            tr("%1.%2 is char(n), which pads with spaces; use text or varchar").arg(table, name), table, name);
    }
}

bool isPrimaryKeyColumn(const QJsonObject &column)
{
    for (const QJsonValue &value : array(column, "constraints")) {
        if (string(as(value.toObject(), "Constraint"), "contype") == QLatin1String("CONSTR_PRIMARY"))
            return true;
    }
    return false;
}

void checkCreateTable(const QJsonObject &create, LintContext &context)
{
    const QString table = relation(object(create, "relation"));
    QHash<QString, QString> types;
    QStringList primaryKey;
    for (const QJsonValue &element : array(create, "tableElts")) {
        const QJsonObject column = as(element.toObject(), "ColumnDef");
        if (!column.isEmpty()) {
            checkColumnType(table, column, context);
            const QString type = typeName(object(column, "typeName"));
            types.insert(string(column, "colname"), type);
            if (isPrimaryKeyColumn(column))
                primaryKey.append(string(column, "colname"));
            continue;
        }
        const QJsonObject constraint = as(element.toObject(), "Constraint");
        if (string(constraint, "contype") == QLatin1String("CONSTR_PRIMARY"))
            primaryKey += names(array(constraint, "keys"));
    }
    if (primaryKey.size() == 1 && isSmallInteger(types.value(primaryKey.first()))) {
        context.report("int-primary-key",
            tr("the primary key %1.%2 is %3, which runs out at 2^31 rows; use bigint (identity)")
                .arg(table, primaryKey.first(), types.value(primaryKey.first())),
            table, primaryKey.first());
    }
}

} // namespace

void checkTypeRules(const QJsonObject &tree, const QString &text, LintContext &context)
{
    const QJsonObject create = as(tree, "CreateStmt");
    if (!create.isEmpty())
        checkCreateTable(create, context);
    forEachAlterTableCommand(tree, [&](const QString &table, const QJsonObject &command) {
        const QString subtype = string(command, "subtype");
        if (subtype == QLatin1String("AT_AddColumn") || subtype == QLatin1String("AT_AlterColumnType")) {
            QJsonObject column = as(object(command, "def"), "ColumnDef");
            if (subtype == QLatin1String("AT_AlterColumnType"))
                column.insert(QStringLiteral("colname"), string(command, "name"));
            checkColumnType(table, column, context);
            if (subtype == QLatin1String("AT_AddColumn") && isPrimaryKeyColumn(column) &&
                isSmallInteger(typeName(object(column, "typeName")))) {
                context.report("int-primary-key",
                    tr("the primary key %1.%2 is %3, which runs out at 2^31 rows; use bigint (identity)")
                        .arg(table, string(column, "colname"), typeName(object(column, "typeName"))),
                    table, string(column, "colname"));
            }
        }
    });

    // The parser has already cut long names to 63 bytes, so read them from
    // the text as written (lexed only when it could hold one).
    if (!mayHoldLongName(text))
        return;
    SqlLexer lexer(text, Dialect::PostgreSQL);
    SqlToken token;
    QStringList reported;
    while (lexer.next(token)) {
        // A UTF-8 character takes at most 3 bytes per UTF-16 unit: a name
        // of 21 units or fewer cannot be too long.
        if ((token.kind == SqlToken::Word || token.kind == SqlToken::QuotedIdentifier) && token.text.size() > 21 &&
            token.text.toUtf8().size() > 63 && !reported.contains(token.text)) {
            reported.append(token.text);
            context.report("identifier-too-long",
                tr("\"%1\" is %2 bytes long; PostgreSQL keeps only its first 63")
                    .arg(token.text)
                    .arg(token.text.toUtf8().size()));
        }
    }
}

} // namespace Retort
