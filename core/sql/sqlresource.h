#pragma once

#include "project/revision.h"

#include <QList>
#include <QString>

#include <utility>

namespace Retort {

// The text of core/resources/sql/NAME.sql, where the SQL that Retort runs for
// itself lives (one file per purpose, so it can be read and reviewed as SQL).
// Placeholders of the form {name} are replaced from `substitutions`; use them
// only for identifiers that were validated or quoted by the caller, never for
// values (bind those).
QString sqlResource(const QString &name, const QList<std::pair<QString, QString>> &substitutions = {});

// The dialect's own NAME.postgresql.sql or NAME.sqlite.sql when there is
// one, else NAME.sql: a query both dialects share lives in one file.
QString sqlResource(const QString &name, Dialect dialect, const QList<std::pair<QString, QString>> &substitutions = {});

// `name` as a quoted SQL identifier ("Name", with inner quotes doubled), so
// that a configured table name keeps its exact spelling, as SQLAlchemy
// quotes it for Alembic. For substituting into resources.
QString quoteIdentifier(const QString &name);
// "schema"."table", or "table" when the schema is empty.
QString qualifiedTableName(const QString &schema, const QString &table);

} // namespace Retort
