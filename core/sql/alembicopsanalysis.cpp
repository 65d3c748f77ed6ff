#include "alembicopsanalysis.h"

#include "alembiccalls.h"
#include "transactionrules.h"

#include <QHash>

namespace Retort {

using namespace AlembicCalls;

namespace {

// The column name of an sa.Column("name", ...) argument, if static.
QString columnNameOf(const QList<PyToken> &argument)
{
    for (qsizetype k = 0; k + 2 < argument.size(); ++k) {
        if (argument.at(k).kind == PyToken::Name && argument.at(k).text == QLatin1String("Column") &&
            argument.at(k + 1).text == QLatin1String("(") && argument.at(k + 2).kind == PyToken::String)
            return argument.at(k + 2).text;
    }
    return {};
}

// The SQL of op.execute("...") / op.execute(sa.text("...")), when static.
QString executedSql(const Call &c)
{
    QString sql = c.stringArgument(0, "sqltext");
    if (sql.isEmpty() && !c.positional.isEmpty()) {
        for (const PyToken &token : c.positional.first()) {
            if (token.kind == PyToken::String)
                sql += token.text;
        }
    }
    return sql;
}

class OperationReader
{
public:
    OperationReader(SqlAnalysis &out, Dialect dialect)
        : m_out(out)
        , m_dialect(dialect)
    { }

    void call(const Call &c, const QString &batchTable);

private:
    void risk(
        SqlRisk::Kind kind, int line, const QString &table, const QString &column = {}, const QString &detail = {})
    {
        if (!table.isEmpty())
            m_out.risks.append(SqlRisk { kind, table, column, detail, line });
    }
    void touch(SqlTouch::Kind kind, int line, const QString &table, const QString &column = {})
    {
        if (!table.isEmpty())
            m_out.touches.append(SqlTouch { kind, table, column, line });
    }

    SqlAnalysis &m_out;
    Dialect m_dialect;
};

void OperationReader::call(const Call &c, const QString &batchTable)
{
    // On a batch context the table is implied and every argument shifts
    // one place to the left.
    const bool batch = !batchTable.isEmpty();
    const int shift = batch ? 1 : 0;
    const auto tableArg = [&](int index, const char *keyword) {
        return batch ? batchTable : c.stringArgument(index, keyword);
    };
    const QString &m = c.method;
    const int line = c.line;
    if (m == QLatin1String("drop_table")) {
        const QString table = c.stringArgument(0, "table_name");
        risk(SqlRisk::DropTable, line, table);
        touch(SqlTouch::Drop, line, table);
    } else if (m == QLatin1String("drop_column")) {
        const QString table = tableArg(0, "table_name");
        const QString column = c.stringArgument(1 - shift, "column_name");
        if (!column.isEmpty()) {
            risk(SqlRisk::DropColumn, line, table, column);
            touch(SqlTouch::Drop, line, table, column);
        }
    } else if (m == QLatin1String("alter_column")) {
        const QString table = tableArg(0, "table_name");
        const QString column = c.stringArgument(1 - shift, "column_name");
        if (c.hasKeyword("type_"))
            risk(SqlRisk::ColumnTypeChange, line, table, column);
        const QString renamed = c.stringArgument(-1, "new_column_name");
        if (!renamed.isEmpty()) {
            risk(SqlRisk::RenameColumn, line, table, column, renamed);
            touch(SqlTouch::Alter, line, table, renamed);
        }
        touch(SqlTouch::Alter, line, table, column);
    } else if (m == QLatin1String("rename_table")) {
        const QString table = c.stringArgument(0, "old_table_name");
        const QString renamed = c.stringArgument(1, "new_table_name");
        risk(SqlRisk::RenameTable, line, table, {}, renamed);
        touch(SqlTouch::Alter, line, table);
        touch(SqlTouch::Create, line, renamed);
    } else if (m == QLatin1String("create_table")) {
        const QString table = c.stringArgument(0, "table_name");
        touch(SqlTouch::Create, line, table);
        for (qsizetype k = 1; k < c.positional.size(); ++k) {
            const QString column = columnNameOf(c.positional.at(k));
            if (!column.isEmpty())
                touch(SqlTouch::Create, line, table, column);
        }
    } else if (m == QLatin1String("add_column")) {
        const QString table = tableArg(0, "table_name");
        const int index = 1 - shift;
        const QString column = index < c.positional.size() ? columnNameOf(c.positional.at(index)) : QString();
        touch(SqlTouch::Alter, line, table, column);
    } else if (m == QLatin1String("create_index")) {
        const QString table = tableArg(1, "table_name");
        touch(SqlTouch::Index, line, table);
        const int index = 2 - shift;
        const QList<PyToken> columns =
            index < c.positional.size() ? c.positional.at(index) : c.keywords.value(QStringLiteral("columns"));
        for (const PyToken &token : columns) {
            if (token.kind == PyToken::String)
                touch(SqlTouch::Index, line, table, token.text);
        }
    } else if (m == QLatin1String("drop_index")) {
        touch(SqlTouch::Index, line, tableArg(1, "table_name"));
    } else if (m == QLatin1String("create_foreign_key") || m == QLatin1String("create_unique_constraint") ||
        m == QLatin1String("create_check_constraint") || m == QLatin1String("create_primary_key")) {
        touch(SqlTouch::Alter, line,
            tableArg(1, m == QLatin1String("create_foreign_key") ? "source_table" : "table_name"));
    } else if (m == QLatin1String("drop_constraint")) {
        touch(SqlTouch::Alter, line, tableArg(1, "table_name"));
    } else if (m == QLatin1String("execute")) {
        const QString sql = executedSql(c);
        if (sql.isEmpty())
            return;
        auto statements = StatementSplitter::split(sql, m_dialect, line);
        if (!statements)
            return;
        const SqlAnalysis inner = analyzeSql(*statements, m_dialect);
        m_out.risks += inner.risks;
        m_out.touches += inner.touches;
    }
}

bool isTrue(const QList<PyToken> &tokens)
{
    return tokens.size() == 1 && tokens.first().kind == PyToken::Name && tokens.first().text == QLatin1String("True");
}

} // namespace

SqlAnalysis analyzeAlembicOperations(const QString &pythonSource, Direction direction, Dialect dialect)
{
    SqlAnalysis analysis;
    OperationReader reader(analysis, dialect);
    forEachOperation(pythonSource, direction,
        [&](const Call &call, const QString &batchTable, bool) { reader.call(call, batchTable); });
    return analysis;
}

AlembicTransactionUse analyzeAlembicTransactions(const QString &pythonSource, Direction direction, Dialect dialect)
{
    AlembicTransactionUse use;
    use.autocommitBlock =
        forEachOperation(pythonSource, direction, [&](const Call &call, const QString &, bool autocommit) {
            QList<TransactionBlocker> found;
            const bool concurrently = dialect == Dialect::PostgreSQL &&
                isTrue(call.keywords.value(QStringLiteral("postgresql_concurrently")));
            if (call.method == QLatin1String("create_index") && concurrently)
                found.append({ call.line, QStringLiteral("CREATE INDEX CONCURRENTLY") });
            else if (call.method == QLatin1String("drop_index") && concurrently)
                found.append({ call.line, QStringLiteral("DROP INDEX CONCURRENTLY") });
            else if (call.method == QLatin1String("execute")) {
                const QString sql = executedSql(call);
                auto statements = StatementSplitter::split(sql, dialect, call.line);
                if (!sql.isEmpty() && statements) {
                    for (const SqlStatement &statement : std::as_const(*statements)) {
                        const QString kind = transactionBlocker(statement, dialect);
                        if (!kind.isEmpty())
                            found.append({ statement.line, kind });
                    }
                }
            }
            if (!autocommit)
                use.blockedOutside += found;
        });
    return use;
}

QList<QHash<QString, QString>> pythonCallKeywords(const QString &pythonSource, const QString &method)
{
    QList<QHash<QString, QString>> calls;
    const QList<PyToken> tokens = tokenize(pythonSource);
    for (qsizetype pos = 1; pos + 1 < tokens.size(); ++pos) {
        if (tokens.at(pos).kind != PyToken::Name || tokens.at(pos).text != method ||
            tokens.at(pos - 1).text != QLatin1String(".") || tokens.at(pos + 1).text != QLatin1String("("))
            continue;
        qsizetype after = pos + 2;
        const Call call = parseArguments(tokens, after);
        QHash<QString, QString> keywords;
        for (auto it = call.keywords.cbegin(); it != call.keywords.cend(); ++it) {
            QStringList parts;
            for (const PyToken &token : it.value())
                parts.append(token.text);
            keywords.insert(it.key(), parts.join(QString()));
        }
        calls.append(keywords);
    }
    return calls;
}

} // namespace Retort
