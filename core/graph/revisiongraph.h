#pragma once

#include "edgelists.h"
#include "indexspan.h"
#include "project/revision.h"
#include "revisionidtable.h"
#include "revisionset.h"
#include "sparseindexlists.h"
#include "util/result.h"

#include <QHash>
#include <QList>

namespace Retort {

// Which edges a walk follows: down_revision only, or down_revision and
// depends_on (Alembic's include_dependencies).
enum class EdgeKind { DownRevisions, All };

// The revision graph of a project: revisions by index (file order), with
// their parents (down_revision), children, and depends_on edges resolved to
// indexes. Built once from the loaded revisions and immutable afterwards;
// building and every query are linear in revisions plus edges.
//
// The notions are Alembic's (alembic/script/revision.py), so that Retort and
// Alembic agree on every project:
// - a head has no child through down_revision; a *real* head has no
//   dependent either; a head that only has dependents is an "effective head";
// - a base has no down_revision; a real base has no depends_on either;
// - a branch point has several children; a *real* branch point counts
//   dependents too; a merge point has several parents;
// - branch labels are carried to every descendant, and down to the nearest
//   branch or merge point when the labelled line is a plain line.
class RevisionGraph
{
public:
    RevisionGraph() = default;

    // Validates and indexes `revisions` (kept in the given order, which is
    // file-name order). Errors name the file and line: duplicate ids, a
    // down_revision or depends_on that points nowhere, a branch label used
    // twice or equal to a revision id, a cycle.
    static Result<RevisionGraph> build(QList<Revision> revisions);

    int size() const { return int(m_revisions.size()); }
    bool isEmpty() const { return m_revisions.isEmpty(); }
    const Revision &revision(int index) const { return m_revisions.at(index); }
    const QList<Revision> &revisions() const { return m_revisions; }
    int indexOf(const QString &id) const { return m_idTable.find(id, m_revisions); }
    // The revision that declares `label` in its branch_labels, or -1.
    int labelOwner(const QString &label) const { return m_labelOwner.value(label, -1); }
    // Every declared label with its owner, in no particular order.
    const QHash<QString, int> &labelOwners() const { return m_labelOwner; }

    IndexSpan parents(int index) const { return m_parents.at(index); }
    IndexSpan children(int index) const { return m_children.at(index); }
    // depends_on resolved to revisions (labels to the revision declaring
    // them), in declared order, without repeats.
    IndexSpan dependencies(int index) const { return IndexSpan(m_dependencies.at(index)); }
    IndexSpan dependents(int index) const { return IndexSpan(m_dependents.at(index)); }
    // The dependencies that no down_revision ancestor already depends on
    // (Alembic's _normalized_resolved_dependencies), in declared order.
    IndexSpan normalizedDependencies(int index) const { return IndexSpan(m_normalizedDependencies.at(index)); }
    // Parents, then normalized dependencies (Alembic's
    // _normalized_down_revisions): what a revision needs applied first, and
    // the order Alembic walks them in.
    IndexSpan predecessors(int index) const
    {
        const QList<int> *own = m_predecessors.find(index);
        return own ? IndexSpan(*own) : m_parents.at(index);
    }
    // The revisions that list `index` among their predecessors, in index order.
    IndexSpan successors(int index) const
    {
        const QList<int> *own = m_successors.find(index);
        return own ? IndexSpan(*own) : m_children.at(index);
    }

    bool isHead(int index) const { return m_children.at(index).isEmpty(); }
    bool isRealHead(int index) const { return isHead(index) && m_dependents.at(index).isEmpty(); }
    bool isEffectiveHead(int index) const { return isHead(index) && !isRealHead(index); }
    bool isBase(int index) const { return m_parents.at(index).isEmpty(); }
    bool isRealBase(int index) const { return isBase(index) && m_revisions.at(index).dependsOn.isEmpty(); }
    bool isBranchPoint(int index) const { return m_children.at(index).size() > 1; }
    bool isRealBranchPoint(int index) const { return m_realBranchPoint.at(index); }
    bool isMergePoint(int index) const { return m_parents.at(index).size() > 1; }

    // In file order.
    QList<int> heads() const { return select(&RevisionGraph::isHead); }
    QList<int> realHeads() const { return select(&RevisionGraph::isRealHead); }
    QList<int> bases() const { return select(&RevisionGraph::isBase); }
    QList<int> realBases() const { return select(&RevisionGraph::isRealBase); }

    // The branch labels a revision carries, its own and those Alembic
    // propagates to it, sorted.
    const QStringList &branchNames(int index) const;

    // Length of the longest predecessor chain below a revision, plus one: an
    // ancestor always has a smaller generation than its descendants, which
    // lets ancestry checks stop early.
    int generation(int index) const { return m_generation.at(index); }

    // Every revision after all of its parents and dependencies; ties keep
    // file order.
    const QList<int> &topologicalOrder() const { return m_topological; }
    // Position of a revision in topologicalOrder().
    int topologicalPosition(int index) const { return m_topologicalPosition.at(index); }

    // The revisions reachable downwards (ancestors) or upwards (descendants)
    // from `from`, `from` included, as Alembic's _get_ancestor_nodes and
    // _get_descendant_nodes.
    RevisionSet ancestors(const QList<int> &from, EdgeKind edges = EdgeKind::All) const;
    RevisionSet descendants(const QList<int> &from, EdgeKind edges = EdgeKind::All) const;
    // Every ancestor (descendant) of one revision, through down_revision and
    // depends_on, the revision itself excluded, in index order.
    QList<int> ancestors(int index) const;
    QList<int> descendants(int index) const;

private:
    QList<int> select(bool (RevisionGraph::*predicate)(int) const) const;
    RevisionSet reach(const QList<int> &from, IndexSpan (RevisionGraph::*edges)(int) const) const;
    Result<void> resolveEdges(const QHash<QString, int> &labelOwner);
    Result<void> orderTopologically();
    void normalizeDependencies();
    void propagateBranchLabels();

    QList<Revision> m_revisions;
    RevisionIdTable m_idTable;
    QHash<QString, int> m_labelOwner;
    EdgeLists m_parents;
    EdgeLists m_children;
    SparseIndexLists m_dependencies;
    SparseIndexLists m_dependents;
    SparseIndexLists m_normalizedDependencies;
    // Only where they are not the parents (children): revisions with
    // dependencies (dependents).
    SparseIndexLists m_predecessors;
    SparseIndexLists m_successors;
    QList<bool> m_realBranchPoint;
    QList<int> m_generation;
    QList<int> m_topological;
    QList<int> m_topologicalPosition;
    // The distinct sets of labels revisions carry, each sorted, and for each
    // revision the set it carries (-1: none; empty when the project has no
    // labels). Every descendant of a labelled revision carries its labels,
    // and most carry the same set: one copy per set, not per revision.
    QList<QStringList> m_labelSets;
    QList<int> m_labelSetOf;
};

} // namespace Retort
