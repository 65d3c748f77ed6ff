#include "lexicalsplitter.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::LexicalSplitter", text);
}

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || c.isDigit() || c == QLatin1Char('$');
}

// Block structure that a ';' does not end: the body of a SQLite
// "CREATE TRIGGER ... BEGIN ... END" and of a PostgreSQL
// "BEGIN ATOMIC ... END" function body. Inside such a body CASE ... END
// nests, so the body ends at the END that matches its BEGIN.
class BlockTracker
{
public:
    explicit BlockTracker(Dialect dialect)
        : m_dialect(dialect)
    { }

    void reset()
    {
        m_words.clear();
        m_depth = 0;
        m_wordCount = 0;
        m_pendingBegin = false;
    }
    bool insideBlock() const { return m_depth > 0 || m_pendingBegin; }

    void word(const QString &upper)
    {
        ++m_wordCount;
        if (m_wordCount <= 4)
            m_words.append(upper);
        if (m_pendingBegin) {
            // PostgreSQL: BEGIN must be followed by ATOMIC to open a body.
            m_pendingBegin = false;
            if (upper == QLatin1String("ATOMIC")) {
                m_depth = 1;
                return;
            }
        }
        if (upper == QLatin1String("BEGIN")) {
            if (m_depth > 0) {
                // SQLite trigger bodies hold no nested BEGIN; PostgreSQL's
                // can (a nested BEGIN ATOMIC is not valid, but be safe).
                return;
            }
            if (m_dialect == Dialect::SQLite && startsCreateTrigger())
                m_depth = 1;
            else if (m_dialect == Dialect::PostgreSQL && startsCreateRoutine())
                m_pendingBegin = true;
        } else if (m_depth > 0 && upper == QLatin1String("CASE")) {
            ++m_depth;
        } else if (m_depth > 0 && upper == QLatin1String("END")) {
            --m_depth;
        }
    }

private:
    bool startsWithCreate(qsizetype &next) const
    {
        if (m_words.isEmpty() || m_words.first() != QLatin1String("CREATE"))
            return false;
        next = 1;
        if (next < m_words.size() && m_words.at(next) == QLatin1String("OR"))
            next += 2; // OR REPLACE
        return true;
    }
    bool startsCreateTrigger() const
    {
        qsizetype next = 0;
        if (!startsWithCreate(next))
            return false;
        if (next < m_words.size() &&
            (m_words.at(next) == QLatin1String("TEMP") || m_words.at(next) == QLatin1String("TEMPORARY")))
            ++next;
        return next < m_words.size() && m_words.at(next) == QLatin1String("TRIGGER");
    }
    bool startsCreateRoutine() const
    {
        qsizetype next = 0;
        if (!startsWithCreate(next))
            return false;
        return next < m_words.size() &&
            (m_words.at(next) == QLatin1String("FUNCTION") || m_words.at(next) == QLatin1String("PROCEDURE"));
    }

    Dialect m_dialect;
    QStringList m_words; // the statement's first few words, upper case
    int m_wordCount = 0;
    int m_depth = 0;
    bool m_pendingBegin = false;
};

class Splitter
{
public:
    Splitter(const QString &sql, Dialect dialect, int firstLine, const QString &file)
        : m_sql(sql)
        , m_dialect(dialect)
        , m_line(firstLine)
        , m_file(file)
        , m_blocks(dialect)
    { }

    Result<QList<SqlStatement>> run();

private:
    QChar at(qsizetype i) const { return i < m_sql.size() ? m_sql.at(i) : QChar(); }
    void advance(qsizetype count = 1)
    {
        for (qsizetype k = 0; k < count && m_pos < m_sql.size(); ++k) {
            if (m_sql.at(m_pos) == QLatin1Char('\n'))
                ++m_line;
            ++m_pos;
        }
    }
    void markStatementStart()
    {
        if (m_start < 0) {
            m_start = m_pos;
            m_startLine = m_line;
        }
    }
    void finishStatement(qsizetype end);
    Error unterminated(int line, const QString &what) const
    {
        return Error::at(m_file, line, tr("unterminated %1 starting here").arg(what));
    }

    bool skipLineComment();
    Result<bool> skipBlockComment();
    Result<void> skipQuoted(QChar quote, bool backslashEscapes, const QString &what);
    Result<bool> skipDollarQuote();

    const QString &m_sql;
    Dialect m_dialect;
    qsizetype m_pos = 0;
    int m_line;
    QString m_file;
    BlockTracker m_blocks;
    qsizetype m_start = -1;
    int m_startLine = 0;
    QStringList m_words; // of the current statement
    QList<SqlStatement> m_statements;
};

void Splitter::finishStatement(qsizetype end)
{
    if (m_start >= 0) {
        SqlStatement statement;
        statement.text = m_sql.mid(m_start, end - m_start).trimmed();
        statement.line = m_startLine;
        statement.endLine = m_line;
        statement.words = m_words;
        if (!statement.text.isEmpty())
            m_statements.append(statement);
    }
    m_start = -1;
    m_words.clear();
    m_blocks.reset();
}

bool Splitter::skipLineComment()
{
    if (at(m_pos) != QLatin1Char('-') || at(m_pos + 1) != QLatin1Char('-'))
        return false;
    while (m_pos < m_sql.size() && m_sql.at(m_pos) != QLatin1Char('\n'))
        advance();
    return true;
}

Result<bool> Splitter::skipBlockComment()
{
    if (at(m_pos) != QLatin1Char('/') || at(m_pos + 1) != QLatin1Char('*'))
        return false;
    const int startLine = m_line;
    // PostgreSQL nests block comments; SQLite ends at the first "*/".
    const bool nests = m_dialect == Dialect::PostgreSQL;
    int depth = 0;
    while (m_pos < m_sql.size()) {
        if (at(m_pos) == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*') && (nests || depth == 0)) {
            ++depth;
            advance(2);
        } else if (at(m_pos) == QLatin1Char('*') && at(m_pos + 1) == QLatin1Char('/')) {
            advance(2);
            if (--depth == 0)
                return true;
        } else {
            advance();
        }
    }
    return unterminated(startLine, tr("/* comment"));
}

Result<void> Splitter::skipQuoted(QChar quote, bool backslashEscapes, const QString &what)
{
    const int startLine = m_line;
    advance(); // the opening quote
    while (m_pos < m_sql.size()) {
        const QChar c = m_sql.at(m_pos);
        if (backslashEscapes && c == QLatin1Char('\\')) {
            advance(2);
            continue;
        }
        if (c == quote) {
            if (at(m_pos + 1) == quote) { // doubled: an escaped quote
                advance(2);
                continue;
            }
            advance();
            return {};
        }
        advance();
    }
    return unterminated(startLine, what);
}

Result<bool> Splitter::skipDollarQuote()
{
    // $tag$ ... $tag$, where tag is empty or an identifier; "$1" is a
    // parameter, and "a$b" is part of an identifier (checked by the caller).
    qsizetype end = m_pos + 1;
    if (end < m_sql.size() && isIdentifierStart(m_sql.at(end))) {
        while (end < m_sql.size() && isIdentifierPart(m_sql.at(end)) && m_sql.at(end) != QLatin1Char('$'))
            ++end;
    }
    if (at(end) != QLatin1Char('$'))
        return false;
    const QString tag = m_sql.mid(m_pos, end - m_pos + 1);
    const int startLine = m_line;
    const qsizetype close = m_sql.indexOf(tag, end + 1);
    if (close < 0)
        return unterminated(startLine, tr("dollar-quoted string %1").arg(tag));
    advance(close + tag.size() - m_pos);
    return true;
}

Result<QList<SqlStatement>> Splitter::run()
{
    while (m_pos < m_sql.size()) {
        const QChar c = m_sql.at(m_pos);
        if (c.isSpace()) {
            advance();
            continue;
        }
        if (skipLineComment())
            continue;
        if (auto comment = skipBlockComment(); !comment)
            return comment.error();
        else if (*comment)
            continue;

        markStatementStart();
        if (c == QLatin1Char(';')) {
            if (m_blocks.insideBlock()) {
                advance();
                continue;
            }
            finishStatement(m_pos);
            advance();
            continue;
        }
        if (c == QLatin1Char('\'')) {
            if (auto r = skipQuoted(QLatin1Char('\''), false, tr("string")); !r)
                return r.error();
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (auto r = skipQuoted(QLatin1Char('"'), false, tr("quoted identifier")); !r)
                return r.error();
            continue;
        }
        if (m_dialect == Dialect::SQLite && c == QLatin1Char('`')) {
            if (auto r = skipQuoted(QLatin1Char('`'), false, tr("quoted identifier")); !r)
                return r.error();
            continue;
        }
        if (m_dialect == Dialect::SQLite && c == QLatin1Char('[')) {
            const qsizetype close = m_sql.indexOf(QLatin1Char(']'), m_pos);
            if (close < 0)
                return unterminated(m_line, tr("[identifier]"));
            advance(close + 1 - m_pos);
            continue;
        }
        if (m_dialect == Dialect::PostgreSQL && c == QLatin1Char('$')) {
            auto dollar = skipDollarQuote();
            if (!dollar)
                return dollar.error();
            if (*dollar)
                continue;
            advance();
            continue;
        }
        if (isIdentifierStart(c)) {
            // PostgreSQL escape strings: E'...' (also U&'...' is a plain
            // string for our purposes, and B'' / X'' bit strings too).
            if (m_dialect == Dialect::PostgreSQL && (c == QLatin1Char('E') || c == QLatin1Char('e')) &&
                at(m_pos + 1) == QLatin1Char('\'')) {
                advance();
                if (auto r = skipQuoted(QLatin1Char('\''), true, tr("string")); !r)
                    return r.error();
                continue;
            }
            const qsizetype wordStart = m_pos;
            while (m_pos < m_sql.size() && isIdentifierPart(m_sql.at(m_pos)))
                advance();
            const QString word = m_sql.mid(wordStart, m_pos - wordStart).toUpper();
            if (m_words.size() < SqlStatement::kMaxWords)
                m_words.append(word);
            m_blocks.word(word);
            continue;
        }
        advance();
    }
    finishStatement(m_sql.size());
    return m_statements;
}

} // namespace

Result<QList<SqlStatement>> LexicalSplitter::split(
    const QString &sql, Dialect dialect, int firstLine, const QString &fileForErrors)
{
    return Splitter(sql, dialect, firstLine, fileForErrors).run();
}

} // namespace Retort
