#pragma once

#include "revision.h"
#include "util/result.h"

#include <QHash>

namespace Retort {

// Reads an Alembic revision file (versions/*.py) without running it: the
// module-level assignments to `revision`, `down_revision`, `branch_labels`
// and `depends_on` (with or without type annotations; strings, tuples,
// lists, None, and names bound earlier in the file), and the message from
// the module docstring. The assignments are the truth: the docstring's
// "Revises:" line is never read. When the docstring comes after the
// imports (Python then has no docstring, and Alembic shows no message), the
// first string statement is taken as the message all the same.
//
// A value that only running Python could tell (an import, a call, an
// attribute such as `(cli.EXPAND,)`) is looked up in `names`, which maps
// expressions as written to their values (the project's [retort.names]
// section; comma-separated values are tuples). Still unknown, it is a
// warning naming the file and line for branch_labels and depends_on (the
// revision loads without them), and an error for revision and
// down_revision, without which the revision cannot be placed.
class AlembicRevisionParser
{
public:
    using Names = QHash<QString, QString>; // keys in lower case, as INI files keep them

    static Result<Revision> parseFile(const QString &filePath, const Names &names, QList<Error> *warnings);
    static Result<Revision> parse(
        const QString &text, const QString &filePath, const Names &names, QList<Error> *warnings);
};

} // namespace Retort
