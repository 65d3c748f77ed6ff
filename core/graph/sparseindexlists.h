#pragma once

#include <QHash>
#include <QList>

namespace Retort {

// A list of revision indexes per revision, for edges most revisions have
// none of (depends_on is rare): only the lists that exist are kept. A list
// per revision, empty or not, costs 24 bytes a revision for each kind of
// edge, which at 100,000 revisions was more than the edges themselves.
// Filled while the graph is built and only read after, so that references
// to the lists stay valid.
class SparseIndexLists
{
public:
    // The list of `index`, empty when it has none.
    const QList<int> &at(int index) const
    {
        static const QList<int> none;
        const QList<int> *list = find(index);
        return list ? *list : none;
    }
    // The list of `index`, or nullptr when it has none.
    const QList<int> *find(int index) const
    {
        const auto found = m_lists.constFind(index);
        return found == m_lists.cend() ? nullptr : &*found;
    }
    // The list of `index`, made when it has none.
    QList<int> &operator[](int index) { return m_lists[index]; }

private:
    QHash<int, QList<int>> m_lists;
};

} // namespace Retort
