#pragma once

#include "indexspan.h"

#include <QList>

namespace Retort {

// One kind of edge (parents, or children) of every revision, as two arrays:
// where each revision's list starts, and all the lists one after the other.
// Filled in revision order while the graph is built, read-only after.
class EdgeLists
{
public:
    // The lists of revisions 0 .. count-1 are appended in that order:
    // startList() for each revision, then append() for each of its edges.
    void reserve(qsizetype lists, qsizetype edges)
    {
        m_starts.reserve(lists + 1);
        m_targets.reserve(edges);
    }
    void startList()
    {
        if (m_starts.isEmpty())
            m_starts.append(0);
        m_starts.append(int(m_targets.size()));
    }
    // Adds `target` to the list started last.
    void append(int target)
    {
        m_targets.append(target);
        ++m_starts.last();
    }
    // The list started last.
    IndexSpan lastList() const { return at(int(m_starts.size()) - 2); }

    // The lists reversed: for each of `count` revisions, the revisions whose
    // list holds it, in index order (children from parents).
    EdgeLists reversed(int count) const;

    IndexSpan at(int index) const
    {
        const int start = m_starts.at(index);
        return IndexSpan(m_targets.constData() + start, m_starts.at(index + 1) - start);
    }

private:
    QList<int> m_starts; // m_starts[i] .. m_starts[i + 1]: list i in m_targets
    QList<int> m_targets;
};

} // namespace Retort
