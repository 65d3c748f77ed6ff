#pragma once

#include "lintcontext.h"
#include "lintfinding.h"
#include "lintsettings.h"

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

    // Tells the linter a column's current type (from the live database).
    void setColumnType(const QString &table, const QString &column, const LintColumnType &type);

private:
    int m_pgVersion;
    LintSettings m_settings;
    LintSchema m_schema;
};

} // namespace Retort
