#pragma once

#include <QList>

#include <algorithm>

namespace Retort {

// A read-only list of revision indexes that lies in memory the graph owns:
// what the graph's edge queries return. A list per revision, as QList, cost
// a heap block and 24 bytes a revision for each kind of edge (about 11 MB
// for parents and children at 100,000 revisions); the graph keeps each kind
// in one array instead (EdgeLists). Valid as long as the graph it came from.
class IndexSpan
{
public:
    IndexSpan() = default;
    IndexSpan(const int *data, qsizetype size)
        : m_data(data)
        , m_size(size)
    { }
    // The whole of `list`, which must outlive the span.
    explicit IndexSpan(const QList<int> &list)
        : m_data(list.constData())
        , m_size(list.size())
    { }

    const int *begin() const { return m_data; }
    const int *end() const { return m_data + m_size; }
    const int *cbegin() const { return begin(); }
    const int *cend() const { return end(); }
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    int at(qsizetype i) const
    {
        Q_ASSERT(i >= 0 && i < m_size);
        return m_data[i];
    }
    int operator[](qsizetype i) const { return at(i); }
    int first() const { return at(0); }
    int last() const { return at(m_size - 1); }
    bool contains(int index) const { return std::find(begin(), end(), index) != end(); }
    QList<int> toList() const { return QList<int>(begin(), end()); }

private:
    const int *m_data = nullptr;
    qsizetype m_size = 0;
};

// Appends every index of `span`, as QList's += does for a list.
inline QList<int> &operator+=(QList<int> &list, IndexSpan span)
{
    for (int index : span)
        list.append(index);
    return list;
}

} // namespace Retort
