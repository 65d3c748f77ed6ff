#pragma once

#include "schemachange.h"
#include "schemamodel.h"

namespace Retort {

// The SQLite part of SchemaDiff: objects are compared by the statements
// SQLite keeps. A table gains columns with ALTER TABLE ADD COLUMN when the
// new statement only appends them; any other change rebuilds the table
// (create the new one, copy the common columns, drop the old, rename), as
// SQLite's documentation prescribes, with the views and triggers around it
// dropped and created again.
class SqliteDiff
{
public:
    static QList<SchemaChange> compare(const SchemaModel &from, const SchemaModel &to);
};

} // namespace Retort
