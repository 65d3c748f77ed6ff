#include "alembiccalls.h"
#include "alembicopsanalysis.h"
#include "sqlresource.h"

namespace Retort {

using namespace AlembicCalls;

namespace {

// What Alembic's PostgreSQL dialect emits for the common op.* calls, as far
// as their static arguments tell: enough for the linter to see the lock,
// the rewrite or the data loss. SQLAlchemy types map to PostgreSQL's.
QString pgTypeOf(const QList<PyToken> &tokens)
{
    static const QHash<QString, QString> types = {
        { QStringLiteral("Integer"), QStringLiteral("integer") },
        { QStringLiteral("INTEGER"), QStringLiteral("integer") },
        { QStringLiteral("BigInteger"), QStringLiteral("bigint") },
        { QStringLiteral("BIGINT"), QStringLiteral("bigint") },
        { QStringLiteral("SmallInteger"), QStringLiteral("smallint") },
        { QStringLiteral("String"), QStringLiteral("varchar") },
        { QStringLiteral("VARCHAR"), QStringLiteral("varchar") },
        { QStringLiteral("Unicode"), QStringLiteral("varchar") },
        { QStringLiteral("Text"), QStringLiteral("text") },
        { QStringLiteral("TEXT"), QStringLiteral("text") },
        { QStringLiteral("UnicodeText"), QStringLiteral("text") },
        { QStringLiteral("Boolean"), QStringLiteral("boolean") },
        { QStringLiteral("Date"), QStringLiteral("date") },
        { QStringLiteral("DateTime"), QStringLiteral("timestamp") },
        { QStringLiteral("TIMESTAMP"), QStringLiteral("timestamp") },
        { QStringLiteral("Time"), QStringLiteral("time") },
        { QStringLiteral("Numeric"), QStringLiteral("numeric") },
        { QStringLiteral("NUMERIC"), QStringLiteral("numeric") },
        { QStringLiteral("Float"), QStringLiteral("double precision") },
        { QStringLiteral("JSON"), QStringLiteral("json") },
        { QStringLiteral("JSONB"), QStringLiteral("jsonb") },
        { QStringLiteral("UUID"), QStringLiteral("uuid") },
        { QStringLiteral("Uuid"), QStringLiteral("uuid") },
        { QStringLiteral("LargeBinary"), QStringLiteral("bytea") },
        { QStringLiteral("CHAR"), QStringLiteral("char") },
        { QStringLiteral("Interval"), QStringLiteral("interval") },
    };
    QString type;
    QStringList modifiers;
    bool timezone = false;
    for (qsizetype k = 0; k < tokens.size(); ++k) {
        const PyToken &token = tokens.at(k);
        if (type.isEmpty() && token.kind == PyToken::Name && types.contains(token.text)) {
            type = types.value(token.text);
        } else if (!type.isEmpty() && token.kind == PyToken::Number) {
            modifiers.append(token.text);
        } else if (token.kind == PyToken::Name && token.text == QLatin1String("timezone") && k + 2 < tokens.size() &&
            tokens.at(k + 2).text == QLatin1String("True")) {
            timezone = true;
        }
    }
    if (type.isEmpty())
        return {};
    if (type == QLatin1String("timestamp") && timezone)
        type = QStringLiteral("timestamptz");
    if (!modifiers.isEmpty())
        type += QLatin1Char('(') + modifiers.join(QLatin1String(", ")) + QLatin1Char(')');
    return type;
}

// A Python value as SQL: "x" -> 'x', sa.text("now()") -> now(), True -> true.
QString sqlValueOf(const QList<PyToken> &tokens)
{
    if (tokens.size() == 1 && tokens.first().kind == PyToken::String)
        return QLatin1Char('\'') + QString(tokens.first().text).replace(QLatin1Char('\''), QLatin1String("''")) +
            QLatin1Char('\'');
    for (const PyToken &token : tokens) {
        if (token.kind == PyToken::String)
            return token.text; // sa.text("...")
        if (token.kind == PyToken::Number)
            return token.text;
        if (token.text == QLatin1String("True") || token.text == QLatin1String("False"))
            return token.text.toLower();
    }
    // sa.func.now(), func.gen_random_uuid(): the last name called.
    for (qsizetype k = tokens.size() - 1; k > 0; --k) {
        if (tokens.at(k).text == QLatin1String("(") && tokens.at(k - 1).kind == PyToken::Name)
            return tokens.at(k - 1).text + QLatin1String("()");
    }
    return {};
}

bool isTrue(const QList<PyToken> &tokens)
{
    return tokens.size() == 1 && tokens.first().text == QLatin1String("True");
}

bool isFalse(const QList<PyToken> &tokens)
{
    return tokens.size() == 1 && tokens.first().text == QLatin1String("False");
}

// An sa.Column(...) argument as a column definition, or empty.
QString columnDefinitionOf(const QList<PyToken> &argument)
{
    qsizetype pos = 0;
    while (pos + 1 < argument.size() &&
        !(argument.at(pos).text == QLatin1String("Column") && argument.at(pos + 1).text == QLatin1String("(")))
        ++pos;
    if (pos + 1 >= argument.size())
        return {};
    pos += 2;
    const Call column = parseArguments(argument, pos);
    const QString name = column.stringArgument(0, "name");
    if (name.isEmpty())
        return {};
    QString type;
    bool identity = false;
    for (qsizetype k = 1; k < column.positional.size(); ++k) {
        const QList<PyToken> &tokens = column.positional.at(k);
        if (type.isEmpty())
            type = pgTypeOf(tokens);
        for (const PyToken &token : tokens)
            identity = identity || token.text == QLatin1String("Identity");
    }
    if (type.isEmpty())
        type = pgTypeOf(column.keywords.value(QStringLiteral("type_")));
    QString definition = quoteIdentifier(name) + QLatin1Char(' ') + (type.isEmpty() ? QStringLiteral("text") : type);
    if (identity)
        definition += QLatin1String(" GENERATED BY DEFAULT AS IDENTITY");
    const QString serverDefault = sqlValueOf(column.keywords.value(QStringLiteral("server_default")));
    if (!serverDefault.isEmpty())
        definition += QLatin1String(" DEFAULT ") + serverDefault;
    const bool primaryKey = isTrue(column.keywords.value(QStringLiteral("primary_key")));
    if (primaryKey)
        definition += QLatin1String(" PRIMARY KEY");
    else if (isFalse(column.keywords.value(QStringLiteral("nullable"))))
        definition += QLatin1String(" NOT NULL");
    if (isTrue(column.keywords.value(QStringLiteral("unique"))))
        definition += QLatin1String(" UNIQUE");
    return definition;
}

QString quotedList(const QList<PyToken> &tokens)
{
    QStringList names;
    for (const PyToken &token : tokens) {
        if (token.kind == PyToken::String)
            names.append(quoteIdentifier(token.text));
    }
    return names.join(QLatin1String(", "));
}

QString tableName(const QString &name, const Call &call)
{
    const QString schema = call.stringArgument(-1, "schema");
    return schema.isEmpty() ? quoteIdentifier(name)
                            : quoteIdentifier(schema) + QLatin1Char('.') + quoteIdentifier(name);
}

AlembicOperationSql operationSql(const Call &c, const QString &batchTable)
{
    const bool batch = !batchTable.isEmpty();
    const int shift = batch ? 1 : 0;
    const auto tableArg = [&](int index, const char *keyword) {
        return tableName(batch ? batchTable : c.stringArgument(index, keyword), c);
    };
    const QString &m = c.method;
    AlembicOperationSql out;
    out.line = c.line;
    out.call = m;
    out.emitted = true;
    const auto positional = [&](int index, const char *keyword) {
        return index < c.positional.size() ? c.positional.at(index) : c.keywords.value(QLatin1String(keyword));
    };
    if (m == QLatin1String("execute")) {
        out.emitted = false;
        out.sql = c.stringArgument(0, "sqltext");
        if (out.sql.isEmpty() && !c.positional.isEmpty()) {
            for (const PyToken &token : c.positional.first()) {
                if (token.kind == PyToken::String)
                    out.sql += token.text;
            }
        }
    } else if (m == QLatin1String("add_column")) {
        const QString column = columnDefinitionOf(positional(1 - shift, "column"));
        if (!column.isEmpty())
            out.sql = QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(tableArg(0, "table_name"), column);
    } else if (m == QLatin1String("create_table")) {
        QStringList columns;
        for (qsizetype k = 1; k < c.positional.size(); ++k) {
            const QString column = columnDefinitionOf(c.positional.at(k));
            if (!column.isEmpty())
                columns.append(column);
        }
        out.sql = QStringLiteral("CREATE TABLE %1 (%2)")
                      .arg(tableName(c.stringArgument(0, "table_name"), c), columns.join(QLatin1String(", ")));
    } else if (m == QLatin1String("drop_table")) {
        out.sql = QStringLiteral("DROP TABLE %1").arg(tableName(c.stringArgument(0, "table_name"), c));
    } else if (m == QLatin1String("rename_table")) {
        out.sql = QStringLiteral("ALTER TABLE %1 RENAME TO %2")
                      .arg(tableName(c.stringArgument(0, "old_table_name"), c),
                          quoteIdentifier(c.stringArgument(1, "new_table_name")));
    } else if (m == QLatin1String("drop_column")) {
        out.sql = QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                      .arg(tableArg(0, "table_name"), quoteIdentifier(c.stringArgument(1 - shift, "column_name")));
    } else if (m == QLatin1String("alter_column")) {
        const QString table = tableArg(0, "table_name");
        const QString column = quoteIdentifier(c.stringArgument(1 - shift, "column_name"));
        QStringList actions;
        const QString type = pgTypeOf(c.keywords.value(QStringLiteral("type_")));
        if (!type.isEmpty())
            actions.append(QStringLiteral("ALTER COLUMN %1 TYPE %2").arg(column, type));
        if (isFalse(c.keywords.value(QStringLiteral("nullable"))))
            actions.append(QStringLiteral("ALTER COLUMN %1 SET NOT NULL").arg(column));
        else if (isTrue(c.keywords.value(QStringLiteral("nullable"))))
            actions.append(QStringLiteral("ALTER COLUMN %1 DROP NOT NULL").arg(column));
        for (const QString &action : std::as_const(actions))
            out.sql += QStringLiteral("ALTER TABLE %1 %2;\n").arg(table, action);
        const QString renamed = c.stringArgument(-1, "new_column_name");
        if (!renamed.isEmpty())
            out.sql +=
                QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3").arg(table, column, quoteIdentifier(renamed));
    } else if (m == QLatin1String("create_index")) {
        const QString unique =
            isTrue(c.keywords.value(QStringLiteral("unique"))) ? QStringLiteral("UNIQUE ") : QString();
        const QString concurrently = isTrue(c.keywords.value(QStringLiteral("postgresql_concurrently")))
            ? QStringLiteral("CONCURRENTLY ")
            : QString();
        QString columns = quotedList(positional(2 - shift, "columns"));
        if (columns.isEmpty())
            columns = QStringLiteral("(1)"); // expressions: what matters is the index, not its key
        out.sql = QStringLiteral("CREATE %1INDEX %2%3 ON %4 (%5)")
                      .arg(unique, concurrently, quoteIdentifier(c.stringArgument(0, "index_name")),
                          tableArg(1, "table_name"), columns);
    } else if (m == QLatin1String("drop_index")) {
        const QString concurrently = isTrue(c.keywords.value(QStringLiteral("postgresql_concurrently")))
            ? QStringLiteral("CONCURRENTLY ")
            : QString();
        out.sql =
            QStringLiteral("DROP INDEX %1%2").arg(concurrently, quoteIdentifier(c.stringArgument(0, "index_name")));
    } else if (m == QLatin1String("create_foreign_key")) {
        const QString name = c.stringArgument(0, "constraint_name");
        out.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5)")
                      .arg(tableArg(1, "source_table"), quoteIdentifier(name.isEmpty() ? QStringLiteral("fk") : name),
                          quotedList(positional(3 - shift, "local_cols")),
                          tableName(c.stringArgument(2 - shift, "referent_table"), c),
                          quotedList(positional(4 - shift, "remote_cols")));
    } else if (m == QLatin1String("create_unique_constraint") || m == QLatin1String("create_primary_key")) {
        const QString name = c.stringArgument(0, "constraint_name");
        out.sql =
            QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3 (%4)")
                .arg(tableArg(1, "table_name"), quoteIdentifier(name.isEmpty() ? QStringLiteral("c") : name),
                    m == QLatin1String("create_primary_key") ? QStringLiteral("PRIMARY KEY") : QStringLiteral("UNIQUE"),
                    quotedList(positional(2 - shift, "columns")));
    } else if (m == QLatin1String("create_check_constraint")) {
        const QString name = c.stringArgument(0, "constraint_name");
        QString condition = sqlValueOf(positional(2 - shift, "condition"));
        if (condition.startsWith(QLatin1Char('\'')))
            condition = c.stringArgument(2 - shift, "condition"); // a plain string is SQL text here
        out.sql = QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3)")
                      .arg(tableArg(1, "table_name"), quoteIdentifier(name.isEmpty() ? QStringLiteral("c") : name),
                          condition.isEmpty() ? QStringLiteral("true") : condition);
    }
    // One statement or several, without the last ';' (the linter's script
    // adds it), so that the next call's SQL starts on its own line.
    while (out.sql.endsWith(QLatin1Char('\n')) || out.sql.endsWith(QLatin1Char(';')))
        out.sql.chop(1);
    return out;
}

} // namespace

QList<AlembicOperationSql> alembicOperationSql(const QString &pythonSource, Direction direction)
{
    QList<AlembicOperationSql> result;
    forEachOperation(pythonSource, direction, [&](const Call &call, const QString &batchTable, bool) {
        AlembicOperationSql sql = operationSql(call, batchTable);
        if (!sql.sql.isEmpty())
            result.append(sql);
    });
    return result;
}

} // namespace Retort
