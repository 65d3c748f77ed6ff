#pragma once

#include "schemachange.h"
#include "schemamodel.h"

namespace Retort {

// The changes that turn one schema into another, in an order the database
// accepts as written: views that read a changed column are dropped before
// and recreated after it, types and functions come before the columns and
// defaults that use them, foreign keys are dropped before the keys they
// reference, enum values are added in place (ADD VALUE ... BEFORE/AFTER).
// The same two models always give the same list. Both models must be of the
// same dialect.
class SchemaDiff
{
public:
    static QList<SchemaChange> compare(const SchemaModel &from, const SchemaModel &to);
};

} // namespace Retort
