#include "edgelists.h"

namespace Retort {

EdgeLists EdgeLists::reversed(int count) const
{
    // A counting sort: the lists' lengths first, then each source in index
    // order into its targets' lists.
    EdgeLists result;
    result.m_starts.fill(0, count + 1);
    for (int target : m_targets)
        ++result.m_starts[target + 1];
    for (int i = 0; i < count; ++i)
        result.m_starts[i + 1] += result.m_starts.at(i);
    result.m_targets.resize(m_targets.size());
    QList<int> next(result.m_starts.cbegin(), result.m_starts.cend() - 1);
    for (int source = 0; source + 1 < m_starts.size(); ++source) {
        for (int target : at(source))
            result.m_targets[next[target]++] = source;
    }
    return result;
}

} // namespace Retort
