#pragma once

#include "revisiongraph.h"

namespace Retort {

// The order in which Alembic lists and runs revisions: its
// RevisionMap._topological_sort, newest first (children before parents),
// walking down from `heads` and staying on one line of history as long as
// no other line still needs a revision first. `alembic history` prints this
// order, a downgrade runs in it, and an upgrade runs in its reverse, so
// Retort reproduces it exactly.
//
// Alembic's own version recomputes ancestor sets at every branch and merge
// point, which is quadratic on long histories. This one keeps, per
// revision, the number of its successors still to be emitted (a revision
// can be emitted once that is zero) and finds the line to switch to with a
// walk up from the blocked revision whose results are kept until the lines
// change shape; it is linear for the histories projects have (feature
// branches merged back), and never worse than Alembic's.
//
// `todo` is the set to order (convex: whatever lies between two of its
// revisions is in it too, as Alembic's plans and ranges are); `heads` are
// where the walk starts, in any order. The result holds every revision of
// `todo` reachable from `heads`; when it is shorter than `todo`, Alembic
// itself fails on that input.
QList<int> alembicOrder(const RevisionGraph &graph, const RevisionSet &todo, const QList<int> &heads);

// The whole graph in `alembic history` order.
QList<int> alembicHistoryOrder(const RevisionGraph &graph);

} // namespace Retort
