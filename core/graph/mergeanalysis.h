#pragma once

#include "revisiongraph.h"
#include "sql/sqlanalysis.h"

namespace Retort {

// What merging several heads brings together, for the merge dialog: each
// branch's revisions since what the heads have in common, the tables and
// columns they touch, and the tables that more than one branch touches —
// where the order the merged branches run in may matter.
struct MergeAnalysis {
    struct Branch {
        int head = -1;
        QList<int> revisions; // ancestors of the head (itself included) that not every head has; oldest first
        QList<SqlTouch> touches;
    };
    struct Overlap {
        QString table; // unqualified, as the branches name it
        QStringList columns; // columns both touch; empty when they meet only at table level
        QList<int> branches; // indexes into `branches`
        QList<int> revisions; // the revisions involved, oldest first
        bool sameColumn() const { return !columns.isEmpty(); }
    };
    QList<int> heads;
    QList<int> commonAncestors; // the newest revisions every head has (the merge base); empty for unrelated bases
    QList<Branch> branches;
    QList<Overlap> overlaps;
};

// Errors: fewer than two revisions, or one that is an ancestor of another
// (merging it would change nothing).
Result<MergeAnalysis> analyzeMerge(const RevisionGraph &graph, const QList<int> &heads, Dialect dialect);

} // namespace Retort
