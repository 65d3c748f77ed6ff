#pragma once

#include "statementsplitter.h"

namespace Retort {

// Splits a script by each dialect's lexical rules alone, so that a ';'
// inside a string, a quoted identifier, a comment, a dollar-quoted body or
// BEGIN ATOMIC block, or a SQLite trigger body does not end a statement.
// SQLite statements are split this way (no SQLite parser is at hand).
// PostgreSQL statements are split by the server's own grammar (see
// StatementSplitter); this splitter's PostgreSQL mode is kept as the
// reference the parser-based splitter is checked against in the tests.
class LexicalSplitter
{
public:
    static Result<QList<SqlStatement>> split(
        const QString &sql, Dialect dialect, int firstLine = 1, const QString &fileForErrors = {});
};

} // namespace Retort
