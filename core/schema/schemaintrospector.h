#pragma once

#include "schemamodel.h"
#include "util/result.h"

#include <QSqlDatabase>

namespace Retort {

// Reads a database's schema into a SchemaModel: PostgreSQL (12 or newer)
// from its system catalogs, one query per object kind (the queries are in
// core/resources/sql/catalog/), SQLite from sqlite_schema and its pragmas.
// Only reads, in one read-only transaction, so a role that may only read
// the catalogs is enough and the database is never changed.
class SchemaIntrospector
{
public:
    explicit SchemaIntrospector(SchemaFilter filter = {})
        : m_filter(std::move(filter))
    { }

    Result<SchemaModel> read(const QSqlDatabase &database) const;

private:
    Result<SchemaModel> readPostgres(const QSqlDatabase &database) const;
    Result<SchemaModel> readSqlite(const QSqlDatabase &database) const;

    SchemaFilter m_filter;
};

} // namespace Retort
