#include "sqllexer.h"

#include <QCoreApplication>

namespace Retort {

bool isSqlIdentifierStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c.unicode() >= 0x80;
}

bool isSqlIdentifierPart(QChar c)
{
    return isSqlIdentifierStart(c) || c.isDigit() || c == QLatin1Char('$');
}

SqlLexer::SqlLexer(const QString &sql, Dialect dialect, int firstLine)
    : m_sql(sql)
    , m_dialect(dialect)
    , m_line(firstLine)
{ }

void SqlLexer::advance(qsizetype count)
{
    for (qsizetype k = 0; k < count && m_pos < m_sql.size(); ++k) {
        if (m_sql.at(m_pos) == QLatin1Char('\n'))
            ++m_line;
        ++m_pos;
    }
}

bool SqlLexer::fail(int line, const QString &what)
{
    m_error = Error::at(
        m_file, line, QCoreApplication::translate("Retort::SqlLexer", "unterminated %1 starting here").arg(what));
    m_pos = m_sql.size();
    return false;
}

bool SqlLexer::skipSpaceAndComments()
{
    while (m_pos < m_sql.size()) {
        const QChar c = m_sql.at(m_pos);
        if (c.isSpace()) {
            advance();
        } else if (c == QLatin1Char('-') && at(m_pos + 1) == QLatin1Char('-')) {
            while (m_pos < m_sql.size() && m_sql.at(m_pos) != QLatin1Char('\n'))
                advance();
        } else if (c == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*')) {
            // PostgreSQL nests block comments; SQLite ends at the first "*/".
            const int startLine = m_line;
            const bool nests = m_dialect == Dialect::PostgreSQL;
            int depth = 0;
            bool closed = false;
            while (m_pos < m_sql.size() && !closed) {
                if (at(m_pos) == QLatin1Char('/') && at(m_pos + 1) == QLatin1Char('*') && (nests || depth == 0)) {
                    ++depth;
                    advance(2);
                } else if (at(m_pos) == QLatin1Char('*') && at(m_pos + 1) == QLatin1Char('/')) {
                    advance(2);
                    closed = --depth == 0;
                } else {
                    advance();
                }
            }
            if (!closed)
                return fail(startLine, QCoreApplication::translate("Retort::SqlLexer", "/* comment"));
        } else {
            return true;
        }
    }
    return true;
}

bool SqlLexer::quoted(QChar close, bool backslashEscapes, bool doubledEscapes, SqlToken &token, const QString &what)
{
    const int startLine = m_line;
    const qsizetype contentStart = m_pos + 1;
    advance(); // the opening quote
    while (m_pos < m_sql.size()) {
        const QChar c = m_sql.at(m_pos);
        if (backslashEscapes && c == QLatin1Char('\\')) {
            advance(2);
            continue;
        }
        if (c == close) {
            if (doubledEscapes && at(m_pos + 1) == close) {
                advance(2);
                continue;
            }
            if (token.kind == SqlToken::QuotedIdentifier) {
                token.text = m_sql.mid(contentStart, m_pos - contentStart);
                token.text.replace(QString(2, close), QString(close));
            }
            advance();
            if (token.kind != SqlToken::QuotedIdentifier)
                token.text = m_sql.mid(token.offset, m_pos - token.offset);
            return true;
        }
        advance();
    }
    return fail(startLine, what);
}

bool SqlLexer::next(SqlToken &token)
{
    if (!skipSpaceAndComments() || m_pos >= m_sql.size())
        return false;
    token = SqlToken();
    token.line = m_line;
    token.offset = m_pos;
    const QChar c = m_sql.at(m_pos);
    const auto tr = [](const char *text) { return QCoreApplication::translate("Retort::SqlLexer", text); };

    if (c == QLatin1Char('\'')) {
        token.kind = SqlToken::String;
        return quoted(QLatin1Char('\''), false, true, token, tr("string"));
    }
    if (c == QLatin1Char('"') || (m_dialect == Dialect::SQLite && c == QLatin1Char('`'))) {
        token.kind = SqlToken::QuotedIdentifier;
        return quoted(c, false, true, token, tr("quoted identifier"));
    }
    if (m_dialect == Dialect::SQLite && c == QLatin1Char('[')) {
        token.kind = SqlToken::QuotedIdentifier;
        return quoted(QLatin1Char(']'), false, false, token, tr("[identifier]"));
    }
    if (m_dialect == Dialect::PostgreSQL && (c == QLatin1Char('E') || c == QLatin1Char('e')) &&
        at(m_pos + 1) == QLatin1Char('\'')) {
        token.kind = SqlToken::String;
        advance();
        return quoted(QLatin1Char('\''), true, true, token, tr("string"));
    }
    if (c == QLatin1Char('$') && m_dialect == Dialect::PostgreSQL) {
        // $tag$ ... $tag$ (tag empty or an identifier), or a parameter $1.
        qsizetype end = m_pos + 1;
        if (end < m_sql.size() && isSqlIdentifierStart(m_sql.at(end))) {
            while (end < m_sql.size() && isSqlIdentifierPart(m_sql.at(end)) && m_sql.at(end) != QLatin1Char('$'))
                ++end;
        }
        if (at(end) == QLatin1Char('$')) {
            const QString tag = m_sql.mid(m_pos, end - m_pos + 1);
            const int startLine = m_line;
            const qsizetype close = m_sql.indexOf(tag, end + 1);
            if (close < 0)
                return fail(startLine, tr("dollar-quoted string %1").arg(tag));
            advance(close + tag.size() - m_pos);
            token.kind = SqlToken::String;
            token.text = m_sql.mid(token.offset, m_pos - token.offset);
            return true;
        }
    }
    if (isSqlIdentifierStart(c)) {
        while (m_pos < m_sql.size() && isSqlIdentifierPart(m_sql.at(m_pos)))
            advance();
        token.kind = SqlToken::Word;
        token.text = m_sql.mid(token.offset, m_pos - token.offset);
        return true;
    }
    if (c.isDigit() || (c == QLatin1Char('.') && at(m_pos + 1).isDigit())) {
        while (m_pos < m_sql.size() && (m_sql.at(m_pos).isLetterOrNumber() || m_sql.at(m_pos) == QLatin1Char('.')))
            advance();
        token.kind = SqlToken::Number;
        token.text = m_sql.mid(token.offset, m_pos - token.offset);
        return true;
    }
    if ((c == QLatin1Char('$') || c == QLatin1Char(':') || c == QLatin1Char('@')) &&
        (at(m_pos + 1).isDigit() || (c != QLatin1Char('$') && isSqlIdentifierStart(at(m_pos + 1))))) {
        advance();
        while (m_pos < m_sql.size() && isSqlIdentifierPart(m_sql.at(m_pos)))
            advance();
        token.kind = SqlToken::Parameter;
        token.text = m_sql.mid(token.offset, m_pos - token.offset);
        return true;
    }
    if (c == QLatin1Char('?')) {
        advance();
        token.kind = SqlToken::Parameter;
        token.text = QStringLiteral("?");
        return true;
    }
    token.kind = SqlToken::Punctuation;
    advance(c == QLatin1Char(':') && at(m_pos + 1) == QLatin1Char(':') ? 2 : 1);
    token.text = m_sql.mid(token.offset, m_pos - token.offset);
    return true;
}

} // namespace Retort
