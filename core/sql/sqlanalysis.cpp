#include "sqlanalysis.h"

#include "sqllexer.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SqlAnalysis", text);
}

// A cursor over one statement's tokens with the small vocabulary the
// recogniser needs.
class Cursor
{
public:
    Cursor(QList<SqlToken> tokens, int line)
        : m_tokens(std::move(tokens))
        , m_line(line)
    { }

    bool atEnd() const { return m_pos >= m_tokens.size(); }
    const SqlToken &peek(qsizetype ahead = 0) const
    {
        static const SqlToken none { SqlToken::Punctuation, QString(), 0, 0 };
        return m_pos + ahead < m_tokens.size() ? m_tokens.at(m_pos + ahead) : none;
    }
    bool word(const char *upper)
    {
        if (!peek().isWord(upper))
            return false;
        ++m_pos;
        return true;
    }
    bool words(std::initializer_list<const char *> sequence)
    {
        qsizetype ahead = 0;
        for (const char *w : sequence) {
            if (!peek(ahead++).isWord(w))
                return false;
        }
        m_pos += ahead;
        return true;
    }
    bool punctuation(char c)
    {
        if (!peek().isPunctuation(c))
            return false;
        ++m_pos;
        return true;
    }
    void skip(qsizetype count = 1) { m_pos += count; }
    qsizetype position() const { return m_pos; }
    void setPosition(qsizetype position) { m_pos = position; }
    int line() const { return m_line; }

    // An identifier: a folded word, or a quoted name as written.
    QString identifier()
    {
        const SqlToken &token = peek();
        if (token.kind == SqlToken::QuotedIdentifier) {
            ++m_pos;
            return token.text;
        }
        if (token.kind == SqlToken::Word) {
            ++m_pos;
            return token.text.toLower();
        }
        return {};
    }
    // schema.table (or just table); empty when there is no name here.
    QString qualifiedName()
    {
        QString name = identifier();
        while (!name.isEmpty() && peek().isPunctuation('.')) {
            ++m_pos;
            const QString part = identifier();
            if (part.isEmpty())
                break;
            name += QLatin1Char('.') + part;
        }
        return name;
    }
    void skipIfExists() { words({ "IF", "EXISTS" }); }
    void skipIfNotExists() { words({ "IF", "NOT", "EXISTS" }); }

    // Skips a parenthesised group when the cursor is on its '('.
    void skipGroup()
    {
        if (!peek().isPunctuation('('))
            return;
        int depth = 0;
        while (!atEnd()) {
            const SqlToken &token = peek();
            ++m_pos;
            if (token.isPunctuation('('))
                ++depth;
            else if (token.isPunctuation(')') && --depth == 0)
                return;
        }
    }
    // Whether `upper` occurs from here on outside parentheses.
    bool hasTopLevelWord(const char *upper) const
    {
        int depth = 0;
        for (qsizetype i = m_pos; i < m_tokens.size(); ++i) {
            const SqlToken &token = m_tokens.at(i);
            if (token.isPunctuation('('))
                ++depth;
            else if (token.isPunctuation(')'))
                --depth;
            else if (depth == 0 && token.isWord(upper))
                return true;
        }
        return false;
    }
    // The tokens up to the next top-level ',' (or the end), the cursor
    // after the comma.
    Cursor nextListItem()
    {
        const qsizetype start = m_pos;
        int depth = 0;
        while (!atEnd()) {
            const SqlToken &token = peek();
            if (token.isPunctuation('('))
                ++depth;
            else if (token.isPunctuation(')'))
                --depth;
            else if (depth == 0 && token.isPunctuation(','))
                break;
            ++m_pos;
        }
        Cursor item(m_tokens.mid(start, m_pos - start), m_line);
        punctuation(',');
        return item;
    }
    // Moves inside a parenthesised group and returns its tokens as a cursor.
    Cursor group()
    {
        const qsizetype start = m_pos;
        skipGroup();
        if (m_pos - start < 2)
            return Cursor({}, m_line);
        return Cursor(m_tokens.mid(start + 1, m_pos - start - 2), m_line);
    }

private:
    QList<SqlToken> m_tokens;
    qsizetype m_pos = 0;
    int m_line;
};

class Analyzer
{
public:
    explicit Analyzer(SqlAnalysis &out)
        : m_out(out)
    { }
    void statement(Cursor c);

private:
    void risk(
        SqlRisk::Kind kind, int line, const QString &table, const QString &column = {}, const QString &detail = {})
    {
        m_out.risks.append(SqlRisk { kind, table, column, detail, line });
    }
    void touch(SqlTouch::Kind kind, int line, const QString &table, const QString &column = {})
    {
        if (!table.isEmpty())
            m_out.touches.append(SqlTouch { kind, table, column, line });
    }
    void drop(Cursor &c);
    void alterTable(Cursor &c);
    void alterAction(Cursor action, const QString &table, int line);
    void createTable(Cursor &c);
    void createIndex(Cursor &c);
    void createTrigger(Cursor &c);
    void update(Cursor &c);
    void insert(Cursor &c);
    void columnsOf(Cursor list, SqlTouch::Kind kind, const QString &table, int line);

    SqlAnalysis &m_out;
};

const char *const kConstraintWords[] = { "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "LIKE" };

bool startsConstraint(const Cursor &c)
{
    for (const char *word : kConstraintWords) {
        if (c.peek().isWord(word))
            return true;
    }
    return false;
}

void Analyzer::statement(Cursor c)
{
    const int line = c.line();
    if (c.peek().isWord("WITH")) {
        // WITH ... (CTEs) ... DELETE/UPDATE/INSERT: analyse the main statement.
        c.skip();
        while (!c.atEnd()) {
            if (c.peek().isPunctuation('(')) {
                c.skipGroup();
                continue;
            }
            if (c.peek().isWord("DELETE") || c.peek().isWord("UPDATE") || c.peek().isWord("INSERT"))
                break;
            c.skip();
        }
    }
    if (c.word("DROP")) {
        drop(c);
    } else if (c.word("TRUNCATE")) {
        c.word("TABLE");
        while (!c.atEnd()) {
            Cursor item = c.nextListItem();
            item.word("ONLY");
            const QString table = item.qualifiedName();
            if (table.isEmpty() || table == QLatin1String("restart") || table == QLatin1String("continue") ||
                table == QLatin1String("cascade") || table == QLatin1String("restrict"))
                break;
            risk(SqlRisk::Truncate, line, table);
            touch(SqlTouch::Data, line, table);
        }
    } else if (c.words({ "DELETE", "FROM" })) {
        c.word("ONLY");
        const QString table = c.qualifiedName();
        if (!c.hasTopLevelWord("WHERE"))
            risk(SqlRisk::DeleteWithoutWhere, line, table);
        touch(SqlTouch::Data, line, table);
    } else if (c.word("UPDATE")) {
        update(c);
    } else if (c.peek().isWord("INSERT") || c.peek().isWord("REPLACE")) {
        insert(c);
    } else if (c.words({ "ALTER", "TABLE" })) {
        alterTable(c);
    } else if (c.word("CREATE")) {
        c.words({ "OR", "REPLACE" });
        for (const char *modifier : { "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "CONSTRAINT" })
            c.word(modifier);
        if (c.word("TABLE"))
            createTable(c);
        else if (c.word("INDEX"))
            createIndex(c);
        else if (c.word("TRIGGER"))
            createTrigger(c);
    } else if (c.words({ "COMMENT", "ON" })) {
        if (c.word("TABLE")) {
            touch(SqlTouch::Alter, line, c.qualifiedName());
        } else if (c.word("COLUMN")) {
            QString name = c.qualifiedName();
            const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
            if (dot > 0)
                touch(SqlTouch::Alter, line, name.left(dot), name.mid(dot + 1));
        }
    }
}

void Analyzer::drop(Cursor &c)
{
    const int line = c.line();
    if (c.word("TABLE")) {
        c.skipIfExists();
        while (!c.atEnd()) {
            Cursor item = c.nextListItem();
            const QString table = item.qualifiedName();
            if (table.isEmpty())
                break;
            risk(SqlRisk::DropTable, line, table);
            touch(SqlTouch::Drop, line, table);
        }
    } else if (c.word("SCHEMA")) {
        c.skipIfExists();
        while (!c.atEnd()) {
            Cursor item = c.nextListItem();
            const QString schema = item.qualifiedName();
            if (schema.isEmpty())
                break;
            risk(SqlRisk::DropSchema, line, schema);
        }
    } else if (c.word("TRIGGER")) {
        c.skipIfExists();
        c.qualifiedName();
        if (c.word("ON"))
            touch(SqlTouch::Trigger, line, c.qualifiedName());
    }
}

void Analyzer::alterTable(Cursor &c)
{
    const int line = c.line();
    c.skipIfExists();
    c.word("ONLY");
    const QString table = c.qualifiedName();
    if (table.isEmpty())
        return;
    c.punctuation('*');
    bool any = false;
    while (!c.atEnd()) {
        alterAction(c.nextListItem(), table, line);
        any = true;
    }
    if (!any)
        touch(SqlTouch::Alter, line, table);
}

void Analyzer::alterAction(Cursor a, const QString &table, int line)
{
    if (a.word("ADD")) {
        if (startsConstraint(a)) {
            touch(SqlTouch::Alter, line, table);
            return;
        }
        a.word("COLUMN");
        a.skipIfNotExists();
        touch(SqlTouch::Alter, line, table, a.identifier());
    } else if (a.word("DROP")) {
        if (a.word("CONSTRAINT")) {
            touch(SqlTouch::Alter, line, table);
            return;
        }
        a.word("COLUMN");
        a.skipIfExists();
        const QString column = a.identifier();
        if (column.isEmpty())
            return;
        risk(SqlRisk::DropColumn, line, table, column);
        touch(SqlTouch::Drop, line, table, column);
    } else if (a.word("ALTER")) {
        a.word("COLUMN");
        const QString column = a.identifier();
        if (a.words({ "SET", "DATA", "TYPE" }) || a.word("TYPE"))
            risk(SqlRisk::ColumnTypeChange, line, table, column);
        touch(SqlTouch::Alter, line, table, column);
    } else if (a.word("RENAME")) {
        if (a.word("TO")) {
            const QString renamed = a.qualifiedName();
            risk(SqlRisk::RenameTable, line, table, {}, renamed);
            touch(SqlTouch::Alter, line, table);
            touch(SqlTouch::Create, line, renamed);
        } else if (a.word("CONSTRAINT")) {
            touch(SqlTouch::Alter, line, table);
        } else {
            a.word("COLUMN");
            const QString column = a.identifier();
            if (a.word("TO")) {
                const QString renamed = a.identifier();
                risk(SqlRisk::RenameColumn, line, table, column, renamed);
                touch(SqlTouch::Alter, line, table, column);
                touch(SqlTouch::Alter, line, table, renamed);
            }
        }
    } else {
        touch(SqlTouch::Alter, line, table);
    }
}

void Analyzer::createTable(Cursor &c)
{
    const int line = c.line();
    c.skipIfNotExists();
    const QString table = c.qualifiedName();
    touch(SqlTouch::Create, line, table);
    if (!c.peek().isPunctuation('('))
        return; // CREATE TABLE ... AS, PARTITION OF ...
    Cursor columns = c.group();
    while (!columns.atEnd()) {
        Cursor item = columns.nextListItem();
        if (startsConstraint(item))
            continue;
        const QString column = item.identifier();
        if (!column.isEmpty())
            touch(SqlTouch::Create, line, table, column);
    }
}

void Analyzer::createIndex(Cursor &c)
{
    const int line = c.line();
    c.word("CONCURRENTLY");
    c.skipIfNotExists();
    if (!c.peek().isWord("ON"))
        c.qualifiedName(); // the index name
    if (!c.word("ON"))
        return;
    c.word("ONLY");
    const QString table = c.qualifiedName();
    if (c.word("USING"))
        c.identifier();
    touch(SqlTouch::Index, line, table);
    if (c.peek().isPunctuation('('))
        columnsOf(c.group(), SqlTouch::Index, table, line);
}

void Analyzer::createTrigger(Cursor &c)
{
    const int line = c.line();
    // The table follows the first top-level ON (both dialects).
    while (!c.atEnd() && !c.peek().isWord("ON"))
        c.skip();
    if (c.word("ON"))
        touch(SqlTouch::Trigger, line, c.qualifiedName());
}

void Analyzer::update(Cursor &c)
{
    const int line = c.line();
    if (c.word("OR"))
        c.skip(); // SQLite: UPDATE OR REPLACE ...
    c.word("ONLY");
    const QString table = c.qualifiedName();
    if (table.isEmpty())
        return;
    if (!c.hasTopLevelWord("WHERE"))
        risk(SqlRisk::UpdateWithoutWhere, line, table);
    while (!c.atEnd() && !c.peek().isWord("SET"))
        c.skip();
    if (!c.word("SET")) {
        touch(SqlTouch::Data, line, table);
        return;
    }
    bool any = false;
    while (!c.atEnd() && !c.peek().isWord("FROM") && !c.peek().isWord("WHERE") && !c.peek().isWord("RETURNING")) {
        Cursor item = c.nextListItem();
        if (item.peek().isPunctuation('(')) {
            columnsOf(item.group(), SqlTouch::Data, table, line);
            any = true;
            continue;
        }
        const QString column = item.identifier();
        if (!column.isEmpty()) {
            touch(SqlTouch::Data, line, table, column);
            any = true;
        }
        // The last item runs into FROM/WHERE; stop once they are reached.
        if (item.hasTopLevelWord("WHERE") || item.hasTopLevelWord("FROM"))
            break;
    }
    if (!any)
        touch(SqlTouch::Data, line, table);
}

void Analyzer::insert(Cursor &c)
{
    const int line = c.line();
    c.skip(); // INSERT or REPLACE
    if (c.word("OR"))
        c.skip(); // SQLite: INSERT OR REPLACE / IGNORE ...
    if (!c.word("INTO"))
        return;
    const QString table = c.qualifiedName();
    if (c.word("AS"))
        c.identifier();
    if (c.peek().isPunctuation('('))
        columnsOf(c.group(), SqlTouch::Data, table, line);
    else
        touch(SqlTouch::Data, line, table);
}

void Analyzer::columnsOf(Cursor list, SqlTouch::Kind kind, const QString &table, int line)
{
    while (!list.atEnd()) {
        Cursor item = list.nextListItem();
        // A plain column, not an expression: one name and nothing else but
        // an ordering or operator class.
        const SqlToken first = item.peek();
        if (first.kind != SqlToken::Word && first.kind != SqlToken::QuotedIdentifier)
            continue;
        if (item.peek(1).isPunctuation('('))
            continue; // a function call such as lower(email)
        touch(kind, line, table, item.identifier());
    }
}

} // namespace

QString SqlRisk::description() const
{
    const QString qualifiedColumn = table + QLatin1Char('.') + column;
    switch (kind) {
    case DropTable:
        return tr("drops table %1 and all its rows").arg(table);
    case DropColumn:
        return tr("drops column %1 and its data").arg(qualifiedColumn);
    case DropSchema:
        return tr("drops schema %1 and everything in it").arg(table);
    case Truncate:
        return tr("empties table %1").arg(table);
    case DeleteWithoutWhere:
        return tr("deletes every row of %1 (DELETE without WHERE)").arg(table);
    case UpdateWithoutWhere:
        return tr("overwrites every row of %1 (UPDATE without WHERE)").arg(table);
    case ColumnTypeChange:
        return tr("changes the type of %1; values are converted and may be cut or refused").arg(qualifiedColumn);
    case RenameTable:
        return tr("renames table %1 to %2; code using the old name breaks").arg(table, detail);
    case RenameColumn:
        return tr("renames column %1 to %2; code using the old name breaks").arg(qualifiedColumn, detail);
    }
    return {};
}

SqlAnalysis analyzeSql(const QList<SqlStatement> &statements, Dialect dialect)
{
    SqlAnalysis analysis;
    Analyzer analyzer(analysis);
    for (const SqlStatement &statement : statements) {
        SqlLexer lexer(statement.text, dialect, statement.line);
        QList<SqlToken> tokens;
        SqlToken token;
        while (lexer.next(token))
            tokens.append(token);
        analyzer.statement(Cursor(std::move(tokens), statement.line));
    }
    return analysis;
}

QString unqualifiedTableName(const QString &table)
{
    const qsizetype dot = table.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? table : table.mid(dot + 1);
}

} // namespace Retort
