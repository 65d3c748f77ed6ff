#pragma once

#include "project/revision.h"

#include <QHash>
#include <QString>

namespace Retort {

// The SQL that Retort runs for itself (version and history tables, locks,
// catalog lookups) lives in resource files, one per purpose, under
// core/resources/sql/<dialect>/ or, when both dialects share it, common/.
// Table names are written {{name}} in the files and filled in here, already
// quoted, so a file reads like the statement that runs.
class SqlResource
{
public:
    // The text of `name` (e.g. "history_insert") for `dialect`, with each
    // {{key}} replaced by names[key]. A missing file is a build mistake, and
    // fatal; tests load every one of them.
    static QString text(const QString &name, Dialect dialect, const QHash<QString, QString> &names = {});

    // Every resource name, for tests.
    static QStringList allNames();
};

// "name" as a quoted SQL identifier, so that a configured name keeps its
// exact spelling (as SQLAlchemy quotes it for Alembic).
QString quoteIdentifier(const QString &name);
// "schema"."table", or "table" when the schema is empty.
QString qualifiedTableName(const QString &schema, const QString &table);

} // namespace Retort
