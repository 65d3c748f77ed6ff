#include "lintcontext.h"

#include "lintrules.h"

namespace Retort {

QString lintUnqualified(const QString &table)
{
    const qsizetype dot = table.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? table : table.mid(dot + 1);
}

LintContext::LintContext(int pgVersion, bool transactional, LintSchema *schema)
    : m_pgVersion(pgVersion)
    , m_transactional(transactional)
    , m_schema(schema)
{ }

bool LintContext::isNewTable(const QString &table) const
{
    return m_newTables.contains(table) || m_newTables.contains(lintUnqualified(table));
}

void LintContext::addNewTable(const QString &table)
{
    m_newTables.insert(table);
    m_newTables.insert(lintUnqualified(table));
}

LintColumnType LintContext::columnType(const QString &table, const QString &column) const
{
    if (!m_schema)
        return {};
    const QString key = lintUnqualified(table) + QLatin1Char('.') + column;
    const auto found = m_schema->columns.constFind(key);
    if (found != m_schema->columns.constEnd())
        return *found;
    if (m_schema->recordMisses)
        m_schema->misses.insert(key);
    return {};
}

void LintContext::setColumnType(const QString &table, const QString &column, const LintColumnType &type)
{
    if (m_schema)
        m_schema->columns.insert(lintUnqualified(table) + QLatin1Char('.') + column, type);
}

void LintContext::report(const char *rule, const QString &message, const QString &table, const QString &column)
{
    Reported reported;
    reported.statement = m_statement;
    reported.finding.rule = QLatin1String(rule);
    const LintRule *known = findLintRule(reported.finding.rule);
    reported.finding.severity = known ? known->severity : LintSeverity::Warning;
    reported.finding.message = message;
    reported.finding.table = table;
    reported.finding.column = column;
    m_findings.append(reported);
}

void LintContext::reportAt(int statement, const char *rule, const QString &message)
{
    report(rule, message);
    m_findings.last().statement = statement;
}

} // namespace Retort
