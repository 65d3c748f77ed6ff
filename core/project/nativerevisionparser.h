#pragma once

#include "revision.h"
#include "util/result.h"

namespace Retort {

// Reads the native revision format (DESIGN.md, "Migration projects"):
// "-- key: value" header lines, then "-- migrate:upgrade" and
// "-- migrate:downgrade" sections, each optionally limited to a dialect
// ("-- migrate:upgrade postgresql"). Every problem is an Error naming the
// file and line.
class NativeRevisionParser
{
public:
    static Result<Revision> parseFile(const QString &filePath);
    static Result<Revision> parse(const QString &text, const QString &filePath);

    // Header keys the format knows; any other key is an error.
    static const QStringList &knownKeys();
    // Dialect names a section marker may carry.
    static const QStringList &knownDialects();
};

// Whether `id` can be a revision id: Alembic's rules (no spaces, commas, '@',
// '-', '+' or ':', which its target syntax uses) plus non-empty.
bool isValidRevisionId(const QString &id);

} // namespace Retort
