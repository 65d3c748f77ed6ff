#pragma once

#include "lintrule.h"

#include <QList>
#include <QString>

namespace Retort {

// What a live database says about a finding's table (see LiveChecks).
struct LintLiveFacts {
    bool checked = false;
    qint64 rowEstimate = -1; // pg_class.reltuples; -1 unknown (never analysed)
    qint64 totalBytes = -1; // pg_total_relation_size
    QString dataCheck; // e.g. "1,204 rows have NULL in email: SET NOT NULL would fail"
    bool dataCheckFails = false; // the data would make the statement fail
    QStringList blockers; // sessions that hold or wait for a lock on the table now
    QString note; // e.g. "data check skipped: table above 1 GB"
};

// What decides whether the statement succeeds, to check in the live
// database: NULLs before SET NOT NULL, duplicates before a unique index or
// constraint, orphans before a foreign key is validated, rows violating a
// new CHECK, any row before a NOT NULL column without default, and the
// column's current type before a type change.
struct LintDataCheck {
    enum Kind { None, Nulls, Duplicates, Orphans, CheckViolations, AnyRows, TypeChange };
    Kind kind = None;
    QString table;
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;
    QString expression; // CHECK's expression, as written
    QString newType; // TypeChange: libpg_query's type name
    QList<int> newTypeModifiers;
};

// One thing a lint rule found in one statement.
struct LintFinding {
    QString rule;
    LintSeverity severity = LintSeverity::Warning;
    QString message; // about this statement, e.g. "CREATE INDEX on orders blocks writes while it builds"
    QString table; // the existing table it is about, as written ("public.orders"); may be empty
    QString column; // for column checks
    QString file;
    QString revision;
    // The statement's range, 1-based lines and 0-based character columns in
    // the file, for editors and SARIF.
    int line = 0;
    int column0 = 0;
    int endLine = 0;
    int endColumn0 = 0;
    QString statement; // the statement's text
    LintDataCheck dataCheck;
    LintLiveFacts live;

    const LintRule *rule_() const;
};

} // namespace Retort
