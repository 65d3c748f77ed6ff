#pragma once

#include "util/result.h"

#include <QSqlDatabase>
#include <QVariant>

#include <functional>

namespace Retort {

// One query of a pipeline: SQL with "?" placeholders (as in the resource
// files) and its values, sent as text (a null QVariant is SQL NULL). A
// query without values is sent exactly as written.
struct PipelinedQuery {
    QString sql;
    QVariantList values;
};

struct PipelinedResult {
    enum Status { Ok, Failed, Skipped };
    Status status = Skipped; // Skipped: not run, because an earlier query failed
    int rowsAffected = -1;
    QString firstValue; // the first column of the first row, when there is one
    Error error; // for Failed: the server's message (detail and hint on lines of their own) and SQLSTATE
    int errorLine = 0; // for Failed: 1-based line in the query's text the server pointed at, 0 when it did not
};

// Sends queries over a QPSQL connection in libpq's pipeline mode: all of
// them at once and one sync, so that a migration step costs one round trip
// instead of one per statement, while each statement still gets its own
// result — its row count, or its error with SQLSTATE and position. After a
// failure the server skips the rest (Skipped) and an open transaction is
// left aborted for the caller to roll back. `arrived(i)` is called as the
// result of query i comes in (progress). An Error is returned only when the
// pipeline could not run at all (connection lost before it started).
Result<QList<PipelinedResult>> runPipeline(
    const QSqlDatabase &database, const QList<PipelinedQuery> &queries, const std::function<void(int)> &arrived = {});

// "?" placeholders as libpq's "$1", "$2"... (outside quoted strings).
QString numberedPlaceholders(const QString &sql);

} // namespace Retort
