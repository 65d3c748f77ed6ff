#pragma once

#include "revisiongraph.h"

namespace Retort {

// The version rows through a run, step by step, exactly as Alembic's
// HeadMaintainer.update_to_step (alembic/runtime/migration.py) keeps them:
// which rows an applied revision replaces, which a reverted one brings back.
//
// HeadMaintainer asks, at merges and when reverting with several heads,
// which revisions lie below the other heads, walking their ancestors each
// time (quadratic over a long run). While the rows are heads of separate
// lines (none below another) and a revision's predecessors are not on one
// line, the answer is whether a predecessor has another applied successor,
// which this class keeps as a count; it falls back to Alembic's walk for the
// unusual graphs where that does not hold.
class HeadTracker
{
public:
    HeadTracker(const RevisionGraph &graph, const QList<int> &rows);

    Result<void> upgrade(int revision);
    Result<void> downgrade(int revision);
    // The rows now, as revision ids, sorted.
    QStringList rows() const;

private:
    void addRow(int revision);
    void removeRow(int revision);
    void addSuccessor(int revision, int delta);
    bool isRow(int revision) const { return m_isRow[size_t(revision)]; }
    // Whether one of the revision's predecessors is an ancestor of another.
    bool hasRedundantPredecessors(int revision);
    QList<int> otherRows(int except) const;

    const RevisionGraph &m_graph;
    QList<int> m_rows;
    std::vector<char> m_isRow;
    std::vector<char> m_applied;
    std::vector<int> m_appliedSuccessors;
    int m_rowsBelowOthers = 0; // rows with an applied successor: not separate lines
    QHash<int, bool> m_redundant;
};

} // namespace Retort
