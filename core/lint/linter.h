#pragma once

#include "lintcontext.h"
#include "lintfinding.h"
#include "lintsettings.h"
#include "sql/pgquery.h"

#include <QList>
#include <QString>

namespace Retort {

// One migration's PostgreSQL SQL, as it will run.
struct LintInput {
    QString sql;
    int firstLine = 1; // of the SQL in `file`
    QString file;
    QString revision;
    bool transactional = true; // Retort runs it in one transaction
};

// A migration parsed: the part of linting that needs nothing from the
// migrations before it, so that many can be parsed at once.
struct ParsedLintInput {
    LintInput input;
    PgSource source;
    Result<QList<PgParsedStatement>> statements;
};

// Lints PostgreSQL migrations on the server's own grammar (libpg_query):
// every statement's parse tree goes through the rules of core/lint, with
// what the earlier statements created, set and locked. Reading several
// migrations with one Linter, in the order they run, lets it know the
// column types earlier migrations made.
class Linter
{
public:
    Linter(int pgVersion, const LintSettings &settings = {});

    int pgVersion() const { return m_pgVersion; }
    // The findings, in statement order, after [retort.lint] settings and
    // retort:ignore comments. A script that does not parse gives one
    // syntax-error finding at its line.
    QList<LintFinding> lint(const LintInput &input);
    // The findings of each migration, in the order they run: parsed on
    // every core, then checked one after the other, so each still knows
    // what the ones before it made.
    QList<QList<LintFinding>> lintAll(const QList<LintInput> &inputs);

    // Tells the linter a column's current type (from the live database).
    void setColumnType(const QString &table, const QString &column, const LintColumnType &type);

private:
    // The two halves of lint(). parse() is safe on any thread; check()
    // reads only the settings besides `schema`, so it may run on several
    // threads at once, each with a schema of its own.
    static ParsedLintInput parse(const LintInput &input);
    QList<LintFinding> check(const ParsedLintInput &parsed, LintSchema &schema) const;

    int m_pgVersion;
    LintSettings m_settings;
    LintSchema m_schema;
};

} // namespace Retort
