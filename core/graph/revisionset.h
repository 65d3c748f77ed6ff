#pragma once

#include <QList>

#include <algorithm>
#include <vector>

namespace Retort {

// A set of revision indexes of one graph: constant-time membership and
// insertion, members in insertion order. Made for the graph walks, which
// visit each revision at most once, so that every walk stays linear.
class RevisionSet
{
public:
    RevisionSet() = default;
    explicit RevisionSet(int graphSize)
        : m_marks(size_t(graphSize), 0)
    { }

    bool contains(int index) const { return index >= 0 && size_t(index) < m_marks.size() && m_marks[size_t(index)]; }
    // Adds `index`; returns false when it was already a member.
    bool insert(int index)
    {
        if (m_marks[size_t(index)])
            return false;
        m_marks[size_t(index)] = 1;
        m_members.append(index);
        return true;
    }
    void remove(int index)
    {
        if (!contains(index))
            return;
        m_marks[size_t(index)] = 0;
        m_members.removeOne(index);
    }
    bool isEmpty() const { return m_members.isEmpty(); }
    int size() const { return int(m_members.size()); }
    // In insertion order.
    const QList<int> &members() const { return m_members; }
    // In index order, which is file order.
    QList<int> sorted() const;

private:
    std::vector<char> m_marks;
    QList<int> m_members;
};

inline QList<int> RevisionSet::sorted() const
{
    QList<int> result = m_members;
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace Retort
