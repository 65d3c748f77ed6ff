#include "statementsplitter.h"

#include "lexicalsplitter.h"
#include "pgquery.h"
#include "sqllexer.h"

namespace Retort {

namespace {

// The first words of a statement the parser accepted, for the rules that
// look at the kind of statement.
QStringList firstWords(const QString &text)
{
    QStringList words;
    SqlLexer lexer(text, Dialect::PostgreSQL);
    SqlToken token;
    while (words.size() < SqlStatement::kMaxWords && lexer.next(token)) {
        if (token.kind == SqlToken::Word)
            words.append(token.text.toUpper());
    }
    return words;
}

Result<QList<SqlStatement>> splitPostgres(const QString &sql, int firstLine, const QString &file)
{
    const PgSource source(sql, firstLine, file);
    Result<QList<PgStatementRange>> ranges = PgQuery::split(source);
    if (!ranges)
        return ranges.error();
    QList<SqlStatement> statements;
    statements.reserve(ranges->size());
    for (const PgStatementRange &range : std::as_const(*ranges)) {
        SqlStatement statement;
        statement.text = source.text(range.begin, range.end).trimmed();
        if (statement.text.isEmpty())
            continue;
        statement.line = source.lineAtByte(range.begin);
        statement.endLine = source.lineAtByte(range.end);
        statement.words = firstWords(statement.text);
        statements.append(std::move(statement));
    }
    return statements;
}

} // namespace

Result<QList<SqlStatement>> StatementSplitter::split(
    const QString &sql, Dialect dialect, int firstLine, const QString &fileForErrors)
{
    if (dialect == Dialect::PostgreSQL)
        return splitPostgres(sql, firstLine, fileForErrors);
    return LexicalSplitter::split(sql, dialect, firstLine, fileForErrors);
}

} // namespace Retort
