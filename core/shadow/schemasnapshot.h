#pragma once

#include "db/connectionsettings.h"
#include "project/projectsettings.h"
#include "schema/schemamodel.h"
#include "util/result.h"

#include <QSqlDatabase>

namespace Retort {

// The schema of a database as text that is the same for the same schema,
// whatever database it is in: what the shadow compares, caches and shows.
// PostgreSQL: the schema engine's canonical DDL (see CanonicalDdl), so
// that the review, drift and verify judge schemas as the diff does.
// Retort's and Alembic's own tables (the version and history tables named
// in `names`) are left out. Only reads.
Result<QString> readSchema(const ConnectionSettings &settings, const ProjectSettings &names);

// What the schema engine leaves out of a project's schema: Retort's own
// schema and the version and history tables.
SchemaFilter projectSchemaFilter(const ProjectSettings &names);
// The schema engine's model of a database, with that filter. Only reads.
Result<SchemaModel> readSchemaModel(const ConnectionSettings &settings, const ProjectSettings &names);

// What produced readSchema()'s text, for cache keys: a snapshot cached by
// another way of reading schemas is not reused.
QString schemaSnapshotFormat(Dialect dialect);

// Creates the objects of a schema read by readSchema() in an empty
// database (to replay on from a cached snapshot), in one transaction.
Result<void> loadSchema(const QSqlDatabase &db, Dialect dialect, const QString &schema);

} // namespace Retort
