#pragma once

#include "project/revision.h"
#include "util/result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

struct SqlStatement {
    QString text; // from the statement's first token to just before its ';'
    int line = 0; // line of the first token, in the numbering given to split()
    int endLine = 0;
    // The statement's first words (up to kMaxWords), upper case, outside
    // strings, quoted identifiers and comments: what rules about the kind
    // of statement look at (see transactionrules.h).
    QStringList words;
    static constexpr int kMaxWords = 24;
};

// Splits a script into statements, each with its exact place. PostgreSQL
// scripts are split by the server's own grammar (libpg_query), so a ';'
// inside a string, a comment, a dollar-quoted body, a BEGIN ATOMIC block or
// CREATE RULE's parentheses does not end a statement, and a syntax error is
// reported with its file and line before anything runs. SQLite scripts are
// split by its lexical rules (see LexicalSplitter). The server would split a
// multi-statement string itself, but then a failure could not be traced to
// a statement and line.
class StatementSplitter
{
public:
    // `firstLine` is the line number of the script's first line in its file.
    // A syntax error (PostgreSQL) or an unterminated string, identifier,
    // comment or dollar quote is an error naming its line.
    static Result<QList<SqlStatement>> split(
        const QString &sql, Dialect dialect, int firstLine = 1, const QString &fileForErrors = {});
};

} // namespace Retort
