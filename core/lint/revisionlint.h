#pragma once

#include "linter.h"
#include "project/project.h"
#include "util/result.h"

namespace Retort {

// Lints what each revision's upgrade runs on PostgreSQL, in the order given
// (a plan's), with one Linter so later revisions know the columns earlier
// ones made: a native revision's upgrade section (with its transactional
// header), an Alembic revision's op.execute() SQL and the SQL its op.*
// calls emit.
QList<LintFinding> lintRevisions(const Project &project, const QList<int> &revisions, Linter &linter);
QList<LintFinding> lintRevision(const Revision &revision, Linter &linter);
// The same, each revision's findings apart (the review shows them per step).
QList<QList<LintFinding>> lintEachRevision(const Project &project, const QList<int> &revisions, Linter &linter);

// A file given by path: a native revision file (its upgrade section), an
// Alembic revision file, or plain SQL (run as written, so not in a
// transaction of Retort's). An unreadable file is an error.
Result<QList<LintFinding>> lintFile(const QString &path, Linter &linter);
// Files in the order given, with one Linter. An unreadable file is an
// error before anything is linted.
Result<QList<LintFinding>> lintFiles(const QStringList &paths, Linter &linter);

} // namespace Retort
