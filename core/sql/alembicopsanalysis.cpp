#include "alembicopsanalysis.h"

#include "transactionrules.h"

#include <QHash>

namespace Retort {

namespace {

struct PyToken {
    enum Kind { Name, String, Number, Op, Newline };
    Kind kind = Op;
    QString text; // for strings: the value without quotes or prefix
    int line = 0;
    int indent = -1; // for the first token of a logical line: its column
};

// Tokens of Python source, enough for reading calls: names, string
// literals (prefixes, triple quotes, implicit concatenation left as two
// strings), numbers, operators; comments dropped; newlines inside brackets
// ignored, as Python's tokenizer does.
QList<PyToken> tokenize(const QString &source)
{
    QList<PyToken> tokens;
    int line = 1;
    int depth = 0;
    bool lineStart = true;
    int column = 0; // of the next character, counted only until a line's first token
    qsizetype i = 0;
    const qsizetype n = source.size();
    auto at = [&](qsizetype k) { return k < n ? source.at(k) : QChar(); };
    while (i < n) {
        const QChar c = source.at(i);
        if (c == QLatin1Char('\n')) {
            if (depth == 0 && !tokens.isEmpty() && tokens.last().kind != PyToken::Newline)
                tokens.append(PyToken { PyToken::Newline, QString(), line, -1 });
            ++line;
            ++i;
            lineStart = depth == 0;
            column = 0;
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\f')) {
            column += c == QLatin1Char('\t') ? 8 - column % 8 : 1;
            ++i;
            continue;
        }
        if (c == QLatin1Char('\\') && at(i + 1) == QLatin1Char('\n')) {
            i += 2;
            ++line;
            continue;
        }
        if (c == QLatin1Char('#')) {
            while (i < n && source.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        PyToken token;
        token.line = line;
        token.indent = lineStart ? column : -1;
        lineStart = false;
        // String prefixes: r, b, u, f and their combinations.
        qsizetype prefixEnd = i;
        while (prefixEnd < n && prefixEnd - i < 2 && QStringLiteral("rRbBuUfF").contains(source.at(prefixEnd)))
            ++prefixEnd;
        const QChar quote = at(prefixEnd);
        if (quote == QLatin1Char('\'') || quote == QLatin1Char('"')) {
            const bool raw = source.mid(i, prefixEnd - i).contains(QLatin1Char('r'), Qt::CaseInsensitive);
            const bool triple = at(prefixEnd + 1) == quote && at(prefixEnd + 2) == quote;
            const QString delimiter = triple ? QString(3, quote) : QString(quote);
            qsizetype k = prefixEnd + delimiter.size();
            QString value;
            while (k < n && source.mid(k, delimiter.size()) != delimiter) {
                if (source.at(k) == QLatin1Char('\\') && k + 1 < n) {
                    value += raw ? source.mid(k, 2) : QString(source.at(k + 1));
                    if (source.at(k + 1) == QLatin1Char('\n'))
                        ++line;
                    k += 2;
                    continue;
                }
                if (source.at(k) == QLatin1Char('\n')) {
                    if (!triple)
                        break; // unterminated: stop at the end of the line
                    ++line;
                }
                value += source.at(k++);
            }
            token.kind = PyToken::String;
            token.text = value;
            tokens.append(token);
            i = qMin(n, k + delimiter.size());
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            qsizetype k = i;
            while (k < n && (source.at(k).isLetterOrNumber() || source.at(k) == QLatin1Char('_')))
                ++k;
            token.kind = PyToken::Name;
            token.text = source.mid(i, k - i);
            tokens.append(token);
            i = k;
            continue;
        }
        if (c.isDigit()) {
            qsizetype k = i;
            while (k < n && (source.at(k).isLetterOrNumber() || source.at(k) == QLatin1Char('.')))
                ++k;
            token.kind = PyToken::Number;
            token.text = source.mid(i, k - i);
            tokens.append(token);
            i = k;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{'))
            ++depth;
        else if ((c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) && depth > 0)
            --depth;
        token.kind = PyToken::Op;
        token.text = QString(c);
        tokens.append(token);
        ++i;
    }
    return tokens;
}

// One call's arguments: positional and keyword, each as its tokens.
struct Call {
    QString receiver; // "op" or a batch context's name
    QString method;
    QList<QList<PyToken>> positional;
    QHash<QString, QList<PyToken>> keywords;
    int line = 0;

    QString stringArgument(int index, const char *keyword) const
    {
        const QList<PyToken> *tokens = nullptr;
        const auto named = keywords.constFind(QLatin1String(keyword));
        if (index >= 0 && index < positional.size())
            tokens = &positional.at(index);
        else if (named != keywords.constEnd())
            tokens = &*named;
        if (!tokens || tokens->isEmpty())
            return {};
        // Adjacent literals concatenate ("a" "b"); anything else is not static.
        QString value;
        for (const PyToken &token : *tokens) {
            if (token.kind != PyToken::String)
                return {};
            value += token.text;
        }
        return value;
    }
    bool hasKeyword(const char *keyword) const { return keywords.contains(QLatin1String(keyword)); }
};

// Parses the argument list starting after '(' at `pos`; leaves `pos` after ')'.
Call parseArguments(const QList<PyToken> &tokens, qsizetype &pos)
{
    Call call;
    QList<PyToken> current;
    QString keyword;
    int depth = 0;
    auto flush = [&] {
        if (!keyword.isEmpty())
            call.keywords.insert(keyword, current);
        else if (!current.isEmpty())
            call.positional.append(current);
        current.clear();
        keyword.clear();
    };
    while (pos < tokens.size()) {
        const PyToken &token = tokens.at(pos++);
        if (token.kind == PyToken::Op &&
            (token.text == QLatin1String("(") || token.text == QLatin1String("[") ||
                token.text == QLatin1String("{"))) {
            ++depth;
        } else if (token.kind == PyToken::Op &&
            (token.text == QLatin1String(")") || token.text == QLatin1String("]") ||
                token.text == QLatin1String("}"))) {
            if (depth == 0) {
                flush();
                return call;
            }
            --depth;
        } else if (depth == 0 && token.kind == PyToken::Op && token.text == QLatin1String(",")) {
            flush();
            continue;
        } else if (depth == 0 && token.kind == PyToken::Name && current.isEmpty() && keyword.isEmpty() &&
            pos < tokens.size() && tokens.at(pos).kind == PyToken::Op && tokens.at(pos).text == QLatin1String("=") &&
            !(pos + 1 < tokens.size() && tokens.at(pos + 1).text == QLatin1String("="))) {
            keyword = token.text;
            ++pos; // '='
            continue;
        }
        current.append(token);
    }
    flush();
    return call;
}

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

// Walks the body of the module-level upgrade() or downgrade(): every
// op.NAME(...) call (and NAME(...) on a batch_alter_table() context), with
// whether it sits inside a `with ...autocommit_block():` block. True when
// the body opens an autocommit_block().
template<typename Visit>
bool walkOperations(const QList<PyToken> &tokens, Direction direction, Visit visit)
{
    const QString function = direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
    // Find the module-level "def upgrade(" and read its body: the logical
    // lines indented deeper than the def.
    qsizetype pos = 0;
    bool found = false;
    for (; pos + 1 < tokens.size(); ++pos) {
        if (tokens.at(pos).kind == PyToken::Name && tokens.at(pos).text == QLatin1String("def") &&
            tokens.at(pos).indent == 0 && tokens.at(pos + 1).text == function) {
            found = true;
            break;
        }
    }
    if (!found)
        return false;
    // Skip the signature to the end of the def line.
    while (pos < tokens.size() && tokens.at(pos).kind != PyToken::Newline)
        ++pos;
    QHash<QString, QString> batchTables; // context name -> table
    QList<int> autocommitIndents; // of the `with` lines whose blocks we are in
    int lineIndent = 0;
    bool autocommit = false;
    // "NAME.method(" at `at`: the receiver, the method and its arguments;
    // `after` is set past the closing parenthesis.
    const auto callAt = [&tokens](qsizetype at, qsizetype &after) -> std::optional<Call> {
        if (at + 3 >= tokens.size() || tokens.at(at).kind != PyToken::Name ||
            tokens.at(at + 1).text != QLatin1String(".") || tokens.at(at + 3).text != QLatin1String("("))
            return std::nullopt;
        after = at + 4;
        Call call = parseArguments(tokens, after);
        call.receiver = tokens.at(at).text;
        call.method = tokens.at(at + 2).text;
        call.line = tokens.at(at).line;
        return call;
    };
    for (; pos < tokens.size(); ++pos) {
        const PyToken &token = tokens.at(pos);
        if (token.indent >= 0) {
            if (token.indent <= 0)
                break; // the function has ended
            lineIndent = token.indent;
            while (!autocommitIndents.isEmpty() && lineIndent <= autocommitIndents.last())
                autocommitIndents.removeLast();
        }
        // with op.get_context().autocommit_block():
        if (token.kind == PyToken::Name && token.text == QLatin1String("autocommit_block")) {
            autocommitIndents.append(lineIndent);
            autocommit = true;
            continue;
        }
        const bool onOp = token.text == QLatin1String("op");
        if (!onOp && !batchTables.contains(token.text))
            continue;
        qsizetype after = pos;
        const std::optional<Call> call = callAt(pos, after);
        if (!call)
            continue;
        if (onOp && call->method == QLatin1String("batch_alter_table")) {
            // with op.batch_alter_table("t") as batch_op:
            if (after + 1 < tokens.size() && tokens.at(after).text == QLatin1String("as") &&
                tokens.at(after + 1).kind == PyToken::Name)
                batchTables.insert(tokens.at(after + 1).text, call->stringArgument(0, "table_name"));
        } else {
            visit(*call, onOp ? QString() : batchTables.value(token.text), !autocommitIndents.isEmpty());
        }
        pos = after - 1;
    }
    return autocommit;
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
    (void)walkOperations(tokenize(pythonSource), direction,
        [&](const Call &call, const QString &batchTable, bool) { reader.call(call, batchTable); });
    return analysis;
}

AlembicTransactionUse analyzeAlembicTransactions(const QString &pythonSource, Direction direction, Dialect dialect)
{
    AlembicTransactionUse use;
    use.autocommitBlock =
        walkOperations(tokenize(pythonSource), direction, [&](const Call &call, const QString &, bool autocommit) {
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
