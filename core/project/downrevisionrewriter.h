#pragma once

#include "alembicrevisionparser.h"
#include "revision.h"
#include "util/result.h"

namespace Retort {

// Changing which revisions one revision follows — moving a branch onto
// another head, re-attaching a revision whose parent is missing — by
// rewriting its file's down_revision and nothing else: in a native file the
// value of the "-- down_revision:" header line, in an Alembic file the
// value of the module-level `down_revision` assignment (its annotation,
// comments, quotes and the rest of the file kept byte for byte).
struct DownRevisionChange {
    QString filePath;
    RevisionFormat format = RevisionFormat::Native;
    QString revisionId; // the file must still declare this id
    QStringList from; // what the file says now; a file changed since it was loaded is left alone
    QStringList to; // empty: a base
};

class DownRevisionRewriter
{
public:
    // The text with its down_revision set to `downRevisions`; an error (with
    // the line) when there is no down_revision that can be rewritten
    // exactly, e.g. an Alembic value computed by Python.
    static Result<QString> rewrite(
        const QString &text, RevisionFormat format, const QStringList &downRevisions, const QString &filePath);

    // Reads the file, checks that it still declares `revisionId` with the
    // parents `from`, rewrites it, checks that the new text reads back with
    // the same id and the parents `to`, and replaces the file atomically (a
    // temporary file in the same folder, renamed over it): the file is
    // either as it was or as it should be, never half written. No other
    // file is touched.
    static Result<void> apply(const DownRevisionChange &change, const AlembicRevisionParser::Names &names = {});
};

} // namespace Retort
