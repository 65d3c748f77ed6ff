#pragma once

#include "graph/revisiongraph.h"

#include <QList>
#include <QStringList>

namespace Retort {

// What each revision's upgrade touches, for "which revisions touch users?":
// per graph index, the unqualified tables ("users") and columns
// ("users.email") its statements create, change, drop, index or write, in
// lower case. Reads and splits every file: run it off the GUI thread.
QList<QStringList> tablesTouched(const RevisionGraph &graph);

// Whether a revision's entries match a search term: "users" matches the
// table (and so any of its columns), "users.email" the column, "email"
// alone a column of that name in any table. Case-insensitive.
bool touchesMatch(const QStringList &entries, const QString &term);

} // namespace Retort
