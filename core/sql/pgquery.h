#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Retort {

// PostgreSQL SQL text as the server's own grammar (PostgreSQL 17, through
// libpg_query) sees it. libpg_query works on UTF-8 bytes and reports
// statement places in bytes and errors in characters; this class keeps the
// text in both forms and turns either kind of place into a line of the file.
class PgSource
{
public:
    // `firstLine` is the line of the text's first line in `file`.
    PgSource(const QString &sql, int firstLine = 1, const QString &file = {});

    const QByteArray &utf8() const { return m_utf8; }
    const QString &file() const { return m_file; }
    int lineAtByte(qsizetype offset) const;
    // The 0-based character column of a byte offset in its line.
    int columnAtByte(qsizetype offset) const;
    // The text between two byte offsets.
    QString text(qsizetype begin, qsizetype end) const;
    // The first byte at or after `offset` that is neither white space nor
    // inside a comment (the server counts a statement from just after the
    // previous ';', comments included).
    qsizetype skipSpaceAndComments(qsizetype offset, qsizetype end) const;
    // An error of libpg_query at a 1-based character position (0: none).
    Error errorAt(const QString &message, int cursor) const;

private:
    QByteArray m_utf8;
    QList<qsizetype> m_lineStarts; // byte offsets of each line's first byte
    int m_firstLine;
    QString m_file;
};

// One statement's bytes: from its first token to just before its ';' (or
// the end of the text).
struct PgStatementRange {
    qsizetype begin = 0;
    qsizetype end = 0;
};

// A statement's parse tree, as libpg_query's JSON: {"CreateStmt": {...}}.
struct PgParsedStatement {
    PgStatementRange range;
    QJsonObject tree;
};

namespace PgQuery {

// The statements of a script by the parser (which also knows that a ';'
// inside CREATE RULE's parentheses or a BEGIN ATOMIC body does not end one).
// A syntax error is an error naming the file and line.
Result<QList<PgStatementRange>> split(const PgSource &source);
// The statements and their parse trees.
Result<QList<PgParsedStatement>> parse(const PgSource &source);

} // namespace PgQuery

} // namespace Retort
