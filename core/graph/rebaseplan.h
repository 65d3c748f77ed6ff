#pragma once

#include "revisiongraph.h"

namespace Retort {

// Moving a branch on top of another head instead of merging the two (what
// Alembic declined to build): the branch's first revision gets the other
// head as its down_revision, and the graph has one head fewer. Only safe
// for revisions that no database has applied, since their parents change;
// appliedAmong() tells which are.
struct RebasePlan {
    int branchHead = -1;
    int ontoHead = -1;
    int root = -1; // the branch's first revision, whose down_revision is rewritten
    QStringList oldDownRevisions;
    QStringList newDownRevisions;
    QList<int> moved; // the branch's revisions, oldest first
};

// Errors say why a branch cannot simply be moved: not heads, nothing to
// move, a branch that starts with a merge or that other branches grow
// from, or a result with a cycle (something on `ontoHead`'s line depends
// on the branch).
Result<RebasePlan> planRebase(const RevisionGraph &graph, int branchHead, int ontoHead);

// The project's revisions as they would be after `plan`, for building a
// preview graph.
QList<Revision> rebasedRevisions(const RevisionGraph &graph, const RebasePlan &plan);

// Which of `revisions` a database holding `versionRows` has applied (they
// are ancestors of a row, or a row). Unknown rows are ignored.
QList<int> appliedAmong(const RevisionGraph &graph, const QStringList &versionRows, const QList<int> &revisions);

} // namespace Retort
