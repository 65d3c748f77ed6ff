#pragma once

#include "lintfinding.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <utility>

namespace Retort {

// A column's type as the linter knows it (from CREATE TABLE or ADD COLUMN
// in an earlier statement or revision, or from the live database).
struct LintColumnType {
    QString name; // libpg_query's: "varchar", "int4", "text", "numeric"
    QList<int> modifiers;
};

// What the linter learns about the schema while it reads a range of
// revisions in order, so that a type change can be told binary-compatible.
struct LintSchema {
    QHash<QString, LintColumnType> columns; // "table.column" (table unqualified)
    // Set when a migration is linted ahead of the ones before it (see
    // Linter::lintAll): the columns looked up and not found, which those
    // migrations may have made.
    bool recordMisses = false;
    QSet<QString> misses;
};

// What the rules know while they read one migration's statements in order:
// the target's PostgreSQL version, whether Retort runs the migration in a
// transaction, the tables created earlier in it (empty, so no lock on them
// matters), timeouts set, transactions opened and locks held.
class LintContext
{
public:
    LintContext(int pgVersion, bool transactional, LintSchema *schema);

    int pgVersion() const { return m_pgVersion; }
    bool transactional() const { return m_transactional; }
    // In Retort's transaction or an explicit BEGIN of the script.
    bool inTransaction() const { return m_transactional || m_explicitBegin >= 0; }

    bool isNewTable(const QString &table) const;
    void addNewTable(const QString &table);

    // The column types seen so far; empty name when unknown.
    LintColumnType columnType(const QString &table, const QString &column) const;
    void setColumnType(const QString &table, const QString &column, const LintColumnType &type);

    // Findings for the current statement.
    void report(const char *rule, const QString &message, const QString &table = {}, const QString &column = {});
    // The finding just reported, to attach a data check to.
    LintFinding &lastFinding() { return m_findings.last().finding; }
    // A finding about an earlier statement (by its index).
    void reportAt(int statement, const char *rule, const QString &message);

    struct Reported {
        int statement = 0;
        LintFinding finding;
    };
    QList<Reported> takeFindings() { return std::exchange(m_findings, {}); }

    void beginStatement(int index, int line)
    {
        m_statement = index;
        m_line = line;
    }
    int statementIndex() const { return m_statement; }
    int statementLine() const { return m_line; }

    // State the transaction and timeout rules keep.
    int m_explicitBegin = -1; // statement index of an open BEGIN, -1 when none
    int m_explicitBeginLine = 0;
    int m_transactionSerial = 0; // changes when a transaction ends
    bool m_lockTimeout = false;
    bool m_statementTimeout = false;
    bool m_reportedLockTimeout = false;
    bool m_reportedStatementTimeout = false;
    QString m_heldTable; // the table an ACCESS EXCLUSIVE lock is held on in this transaction
    int m_heldLine = 0;
    // Constraints added NOT VALID: "table/name" -> the transaction serial.
    QHash<QString, int> m_notValid;
    // CHECK (col IS NOT NULL) constraints: "table/name" -> column, and the
    // "table.column" pairs such a constraint has proven (validated).
    QHash<QString, QString> m_notNullChecks;
    QSet<QString> m_provenNotNull;
    QSet<QString> m_foreignKeys; // "table/name" of foreign keys added

private:
    int m_pgVersion;
    bool m_transactional;
    LintSchema *m_schema;
    QSet<QString> m_newTables;
    QList<Reported> m_findings;
    int m_statement = 0;
    int m_line = 0;
};

// Whether changing a column from `from` to `to` keeps the bytes on disk
// (PostgreSQL then rewrites neither the table nor, mostly, its indexes).
bool lintBinaryCompatible(const LintColumnType &from, const LintColumnType &to);

// The name without schema, for comparing what a script names.
QString lintUnqualified(const QString &table);

} // namespace Retort
