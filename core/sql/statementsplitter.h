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

// Splits a script into statements by each dialect's lexical rules, so that
// a ';' inside a string, a quoted identifier, a comment, a PostgreSQL
// dollar-quoted body or BEGIN ATOMIC block, or a SQLite trigger body does
// not end a statement. The server would do this itself for a multi-statement
// string, but then a failure could not be traced to a statement and line.
class StatementSplitter
{
public:
    // `firstLine` is the line number of the script's first line in its file.
    // An unterminated string, identifier, comment or dollar quote is an
    // error naming the line where it starts.
    static Result<QList<SqlStatement>> split(
        const QString &sql, Dialect dialect, int firstLine = 1, const QString &fileForErrors = {});
};

} // namespace Retort
