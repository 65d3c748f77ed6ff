#pragma once

#include "project/revision.h"
#include "util/error.h"

#include <QString>

namespace Retort {

struct SqlToken {
    enum Kind {
        Word, // a keyword or an unquoted identifier
        QuotedIdentifier, // "name" (SQLite also `name` and [name]); text is the name without quotes
        String, // '...', E'...', $tag$...$tag$; text is the literal as written
        Number,
        Parameter, // $1, ?, :name
        Punctuation, // one character, or "::"
    };
    Kind kind = Word;
    QString text;
    int line = 0;
    qsizetype offset = 0; // in the lexed text

    bool isWord(const char *upper) const
    {
        return kind == Word && text.compare(QLatin1String(upper), Qt::CaseInsensitive) == 0;
    }
    bool isPunctuation(char c) const { return kind == Punctuation && text.size() == 1 && text.at(0) == QLatin1Char(c); }
};

// The tokens of SQL text by each dialect's lexical rules: comments and
// white space are skipped; strings, quoted identifiers and PostgreSQL
// dollar quotes are single tokens, so nothing inside them is mistaken for
// SQL. Lines are counted from `firstLine`.
class SqlLexer
{
public:
    SqlLexer(const QString &sql, Dialect dialect, int firstLine = 1);

    // The next token; false at the end of the text or on an error (see
    // error(): an unterminated string, identifier, comment or dollar quote,
    // naming the line where it starts).
    bool next(SqlToken &token);
    bool hasError() const { return !m_error.message.isEmpty(); }
    const Error &error() const { return m_error; }
    void setFileForErrors(const QString &file) { m_file = file; }

private:
    QChar at(qsizetype i) const { return i < m_sql.size() ? m_sql.at(i) : QChar(); }
    void advance(qsizetype count = 1);
    bool skipSpaceAndComments();
    bool quoted(QChar close, bool backslashEscapes, bool doubledEscapes, SqlToken &token, const QString &what);
    bool fail(int line, const QString &what);

    QString m_sql; // a shallow copy: callers may pass temporaries
    Dialect m_dialect;
    qsizetype m_pos = 0;
    int m_line;
    QString m_file;
    Error m_error;
};

bool isSqlIdentifierStart(QChar c);
bool isSqlIdentifierPart(QChar c);

} // namespace Retort
