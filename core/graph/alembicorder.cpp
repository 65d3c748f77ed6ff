#include "alembicorder.h"

#include <climits>

namespace Retort {

namespace {

// Alembic keeps a list of "current heads", one per line being walked, in
// the order they were found; here each is a slot, numbered in that order,
// kept in a linked list so that removing one is constant time.
class OrderWalk
{
public:
    OrderWalk(const RevisionGraph &graph, const RevisionSet &todo)
        : m_graph(graph)
        , m_todo(todo)
        , m_size(graph.size())
        , m_convex(isConvex(graph, todo))
        , m_slotAt(size_t(m_size), -1)
        , m_pending(size_t(m_size), 0)
        , m_emitted(size_t(m_size), 0)
        , m_memo(size_t(m_size), 0)
        , m_memoEpoch(size_t(m_size), -1)
    {
        for (int node : todo.members()) {
            for (int successor : graph.successors(node)) {
                if (todo.contains(successor))
                    ++m_pending[size_t(node)];
            }
        }
    }

    QList<int> run(const QList<int> &heads);

private:
    struct Slot {
        int node = -1;
        int previous = -1;
        int next = -1;
    };

    static bool isConvex(const RevisionGraph &graph, const RevisionSet &todo);
    // Whether the walk up for slots passes `node`. Alembic tests against
    // whole ancestor sets; when `todo` is convex the only revisions that
    // matter are those of `todo` not emitted yet (whatever lies between two
    // of them is one of them), otherwise every revision.
    bool traversable(int node) const { return !m_convex || (m_todo.contains(node) && !m_emitted[size_t(node)]); }
    int addSlot(int node);
    void removeSlot(int slot);
    int lowestSlotAbove(int node);
    int lowestSlotAtOrAbove(int node);

    const RevisionGraph &m_graph;
    const RevisionSet &m_todo;
    const int m_size;
    const bool m_convex;
    std::vector<Slot> m_slots;
    int m_first = -1;
    int m_last = -1;
    std::vector<int> m_slotAt;
    std::vector<int> m_pending; // successors in todo not emitted yet
    std::vector<char> m_emitted;
    // Per revision: the lowest slot at or above it, valid while its epoch
    // is the current one. Moving a slot down a plain line changes no such
    // value; anything else starts a new epoch.
    std::vector<int> m_memo;
    std::vector<int> m_memoEpoch;
    int m_epoch = 0;
};

int OrderWalk::addSlot(int node)
{
    const int slot = int(m_slots.size());
    m_slots.push_back(Slot { node, m_last, -1 });
    if (m_last >= 0)
        m_slots[size_t(m_last)].next = slot;
    else
        m_first = slot;
    m_last = slot;
    m_slotAt[size_t(node)] = slot;
    return slot;
}

void OrderWalk::removeSlot(int slot)
{
    Slot &removed = m_slots[size_t(slot)];
    if (removed.previous >= 0)
        m_slots[size_t(removed.previous)].next = removed.next;
    else
        m_first = removed.next;
    if (removed.next >= 0)
        m_slots[size_t(removed.next)].previous = removed.previous;
    else
        m_last = removed.previous;
    if (m_slotAt[size_t(removed.node)] == slot)
        m_slotAt[size_t(removed.node)] = -1;
}

// The lowest-numbered slot on a revision strictly above `node` (a
// descendant not emitted yet), or INT_MAX. Alembic finds it by testing
// `node` against every other slot's ancestor set.
int OrderWalk::lowestSlotAbove(int node)
{
    int lowest = INT_MAX;
    for (int successor : m_graph.successors(node)) {
        if (traversable(successor))
            lowest = std::min(lowest, lowestSlotAtOrAbove(successor));
    }
    return lowest;
}

int OrderWalk::lowestSlotAtOrAbove(int start)
{
    if (m_memoEpoch[size_t(start)] == m_epoch)
        return m_memo[size_t(start)];
    // Depth-first, iteratively (histories are deep), computing each
    // revision's value once its successors have theirs.
    struct Frame {
        int node;
        qsizetype nextSuccessor;
        int lowest;
    };
    std::vector<Frame> stack;
    const int own = m_slotAt[size_t(start)];
    stack.push_back({ start, 0, own >= 0 ? own : INT_MAX });
    while (!stack.empty()) {
        Frame &frame = stack.back();
        const IndexSpan successors = m_graph.successors(frame.node);
        bool descended = false;
        while (frame.nextSuccessor < successors.size()) {
            const int successor = successors.at(frame.nextSuccessor++);
            if (!traversable(successor))
                continue;
            if (m_memoEpoch[size_t(successor)] == m_epoch) {
                frame.lowest = std::min(frame.lowest, m_memo[size_t(successor)]);
                continue;
            }
            const int slot = m_slotAt[size_t(successor)];
            stack.push_back({ successor, 0, slot >= 0 ? slot : INT_MAX });
            descended = true;
            break;
        }
        if (descended)
            continue;
        const Frame done = frame;
        stack.pop_back();
        m_memo[size_t(done.node)] = done.lowest;
        m_memoEpoch[size_t(done.node)] = m_epoch;
        if (!stack.empty())
            stack.back().lowest = std::min(stack.back().lowest, done.lowest);
    }
    return m_memo[size_t(start)];
}

QList<int> OrderWalk::run(const QList<int> &heads)
{
    QList<int> start;
    for (int head : heads) {
        if (m_todo.contains(head) && !start.contains(head))
            start.append(head);
    }
    std::sort(start.begin(), start.end()); // Alembic sorts them into file order
    for (int head : std::as_const(start))
        addSlot(head);

    QList<int> output;
    output.reserve(m_todo.size());
    int current = m_first;
    while (current >= 0) {
        const int candidate = m_slots[size_t(current)].node;
        if (!m_convex || m_pending[size_t(candidate)] > 0) {
            // Another line still has revisions above this one: go to the
            // first such line, as Alembic does.
            const int above = lowestSlotAbove(candidate);
            if (above != INT_MAX) {
                current = above;
                continue;
            }
        }
        output.append(candidate);
        m_emitted[size_t(candidate)] = 1;
        QList<int> added;
        int predecessorsInTodo = 0;
        for (int predecessor : m_graph.predecessors(candidate)) {
            if (!m_todo.contains(predecessor))
                continue;
            ++predecessorsInTodo;
            --m_pending[size_t(predecessor)];
            if (m_slotAt[size_t(predecessor)] < 0 && !added.contains(predecessor))
                added.append(predecessor);
        }
        m_slotAt[size_t(candidate)] = -1;
        const int predecessors = m_convex ? predecessorsInTodo : int(m_graph.predecessors(candidate).size());
        if (added.size() != 1 || predecessors != 1) {
            ++m_epoch;
        } else if (!m_convex) {
            // Nothing is above the emitted revision any more.
            m_memo[size_t(candidate)] = INT_MAX;
            m_memoEpoch[size_t(candidate)] = m_epoch;
        }
        if (added.isEmpty()) {
            const int previous = m_slots[size_t(current)].previous;
            removeSlot(current);
            current = previous >= 0 ? previous : m_first;
        } else {
            m_slots[size_t(current)].node = added.first();
            m_slotAt[size_t(added.first())] = current;
            for (qsizetype i = 1; i < added.size(); ++i)
                addSlot(added.at(i));
        }
    }
    return output;
}

bool OrderWalk::isConvex(const RevisionGraph &graph, const RevisionSet &todo)
{
    // Convex unless a path leaves `todo` and comes back into it.
    RevisionSet outside(graph.size());
    QList<int> stack;
    for (int node : todo.members()) {
        for (int successor : graph.successors(node)) {
            if (!todo.contains(successor))
                stack.append(successor);
        }
    }
    while (!stack.isEmpty()) {
        const int node = stack.takeLast();
        if (todo.contains(node))
            return false;
        if (!outside.insert(node))
            continue;
        stack += graph.successors(node);
    }
    return true;
}

} // namespace

QList<int> alembicOrder(const RevisionGraph &graph, const RevisionSet &todo, const QList<int> &heads)
{
    OrderWalk walk(graph, todo);
    return walk.run(heads);
}

QList<int> alembicHistoryOrder(const RevisionGraph &graph)
{
    RevisionSet all(graph.size());
    for (int i = 0; i < graph.size(); ++i)
        all.insert(i);
    return alembicOrder(graph, all, graph.realHeads());
}

} // namespace Retort
