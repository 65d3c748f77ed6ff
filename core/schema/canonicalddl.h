#pragma once

#include "schemamodel.h"

namespace Retort {

// A model as SQL that creates it, the same bytes for the same schema on
// every run: objects sorted by name, in dependency order (schemas,
// extensions, types, sequences, functions, tables, constraints, indexes,
// foreign keys, views, triggers, policies, comments, privileges), one
// statement per object, one blank line between them. Objects the model
// does not know are kept verbatim where the server could print them, else
// named in a comment. Fit for a committed schema.sql, and loadable.
class CanonicalDdl
{
public:
    static QString write(const SchemaModel &model);
    // What a new, empty database already has: the public schema.
    static SchemaModel emptyModel(Dialect dialect);
};

} // namespace Retort
