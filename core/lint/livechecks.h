#pragma once

#include "lintfinding.h"
#include "util/result.h"

#include <QSqlDatabase>

namespace Retort {

struct LiveCheckOptions {
    // Data checks read the table; above this size they are skipped, and the
    // finding says so (never a long scan nobody asked for).
    qint64 scanLimitBytes = 256LL * 1024 * 1024;
    int statementTimeoutMs = 5000; // per check
    int countLimit = 1000; // rows counted at most per data check
};

// What a connected PostgreSQL database adds to lint findings: for a finding
// on an existing table its size and row estimate (catalog only), the
// sessions that hold or wait for a lock on it now, and the data check that
// decides whether the statement would fail (NULLs, duplicates, orphans,
// CHECK violations, any row, the column's current type). Read-only: each
// query runs in its own READ ONLY transaction under a statement_timeout
// and is rolled back; a check that fails or times out says so in the
// finding instead of failing the lint.
class LiveChecks
{
public:
    LiveChecks(QSqlDatabase database, const LiveCheckOptions &options = {});

    // The server's major version (17 for 17.2).
    Result<int> serverMajorVersion();
    // Fills each finding's `live` facts. A type change whose current type
    // turns out binary-compatible is removed from the list.
    void annotate(QList<LintFinding> &findings);

private:
    struct TableFacts {
        bool exists = false;
        qint64 rows = -1;
        qint64 bytes = -1;
        QStringList blockers;
    };
    TableFacts tableFacts(const QString &table);
    // Runs `sql` read-only with `values` bound; the first row, or an error.
    Result<QVariantList> readOnly(const QString &sql, const QVariantList &values = {});
    void dataCheck(LintFinding &finding, const TableFacts &facts, bool &remove);

    QSqlDatabase m_database;
    LiveCheckOptions m_options;
    QHash<QString, TableFacts> m_tables;
};

// "schema"."table" from a name as the parser gave it ("public.orders").
QString quotedTableName(const QString &table);

} // namespace Retort
