#pragma once

#include "revisiongraph.h"

#include <QList>
#include <QString>

#include <span>

namespace Retort {

// What one column of one row of the graph picture holds. A row is one
// revision; each column is a lane. Lanes never move sideways between rows,
// so the bottom of a row and the top of the next always agree, and a painter
// can draw each row on its own.
enum LaneFlag : quint8 {
    LaneUp = 0x01, // an edge enters the row from above in this column
    LaneDown = 0x02, // an edge leaves the row downwards in this column
    LaneUpToNode = 0x04, // the edge from above ends at this row's revision
    LaneDownFromNode = 0x08, // the edge downwards starts at this row's revision
    LaneUpIsDependency = 0x10, // the edge from above is a depends_on edge, not a parent edge
    LaneDownIsDependency = 0x20, // the edge downwards is a depends_on edge
    LaneNode = 0x40, // this row's revision sits in this column
};
using LaneCell = quint8;

// The revision graph laid out like a git history graph: one row per
// revision, newest first, each branch kept together (a child is always above
// its parents and dependencies), and for every row the lanes passing by,
// ending at the revision (merges) and starting from it (forks).
//
// Computed once, eagerly, in time linear in revisions plus edges times the
// graph's width, so that painting a row is a lookup.
class LaneLayout
{
public:
    LaneLayout() = default;
    static LaneLayout compute(const RevisionGraph &graph);

    int rowCount() const { return int(m_revisionAtRow.size()); }
    int revisionAt(int row) const { return m_revisionAtRow.at(row); }
    int rowOf(int revision) const { return m_rowOfRevision.at(revision); }
    int nodeColumn(int row) const { return m_nodeColumn.at(row); }
    std::span<const LaneCell> cells(int row) const;
    // The widest row, in columns.
    int columnCount() const { return m_columnCount; }

    // The layout as text, one line per row plus connector lines, in the
    // manner of `git log --graph`: '*' a revision, '|' a parent edge, ':' a
    // depends_on edge, '/' '\' edges turning towards or away from a
    // revision ('_' and '-' where they cross other lanes). For tests and
    // for debugging.
    QString toAscii(const RevisionGraph &graph) const;

private:
    QList<int> m_revisionAtRow;
    QList<int> m_rowOfRevision;
    QList<int> m_nodeColumn;
    QList<qsizetype> m_rowStart; // rowCount() + 1 offsets into m_cells
    QList<LaneCell> m_cells;
    int m_columnCount = 0;
};

} // namespace Retort
