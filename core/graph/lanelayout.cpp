#include "lanelayout.h"

#include <QVarLengthArray>

#include <algorithm>

namespace Retort {

namespace {

// Newest first, with each line of history kept together, as
// `git log --topo-order` shows it: a depth-first walk from the heads that
// emits a revision after its dependencies and parents, reversed. Parents are
// walked last-first, so a merge is followed by the branch it merged in and
// then by its own first parent's line; dependencies come after both.
QList<int> displayOrder(const RevisionGraph &graph)
{
    const int count = graph.size();
    QList<int> heads = graph.heads();
    // The newest head ends up on top: it is walked last.
    std::stable_sort(heads.begin(), heads.end(), [&graph](int a, int b) {
        const QDateTime &da = graph.revision(a).createDate;
        const QDateTime &db = graph.revision(b).createDate;
        if (da.isValid() != db.isValid())
            return !da.isValid();
        return da.isValid() && da < db;
    });

    enum : quint8 { Unseen, OnStack, Done };
    QList<quint8> state(count, Unseen);
    QList<int> postOrder;
    postOrder.reserve(count);
    struct Frame {
        int revision;
        int nextEdge;
    };
    QList<Frame> stack;
    const auto edge = [&graph](int revision, int k) {
        // Dependencies first, then parents in order: after the reversal the
        // first parent's line comes right below its merged-in branches.
        const IndexSpan dependencies = graph.dependencies(revision);
        if (k < dependencies.size())
            return dependencies.at(k);
        k -= int(dependencies.size());
        const IndexSpan parents = graph.parents(revision);
        return k < parents.size() ? parents.at(k) : -1;
    };
    const auto walkFrom = [&](int start) {
        if (state.at(start) != Unseen)
            return;
        state[start] = OnStack;
        stack.append({ start, 0 });
        while (!stack.isEmpty()) {
            Frame &top = stack.last();
            const int next = edge(top.revision, top.nextEdge);
            if (next >= 0) {
                ++top.nextEdge;
                if (state.at(next) == Unseen) {
                    state[next] = OnStack;
                    stack.append({ next, 0 });
                }
                continue;
            }
            state[top.revision] = Done;
            postOrder.append(top.revision);
            stack.removeLast();
        }
    };
    for (int head : std::as_const(heads))
        walkFrom(head);
    // Every revision reaches a head through its children, so this finds
    // nothing new; it keeps the order total should that ever change.
    for (int i = 0; i < count; ++i)
        walkFrom(i);
    std::reverse(postOrder.begin(), postOrder.end());
    return postOrder;
}

struct Slot {
    int target = -1; // the revision this lane leads down to; -1 when free
    bool dependency = false;
};

} // namespace

LaneLayout LaneLayout::compute(const RevisionGraph &graph)
{
    LaneLayout layout;
    layout.m_revisionAtRow = displayOrder(graph);
    const int rows = int(layout.m_revisionAtRow.size());
    layout.m_rowOfRevision.resize(graph.size());
    for (int row = 0; row < rows; ++row)
        layout.m_rowOfRevision[layout.m_revisionAtRow.at(row)] = row;
    layout.m_nodeColumn.reserve(rows);
    layout.m_rowStart.reserve(rows + 1);
    layout.m_cells.reserve(rows * 2);

    QList<Slot> lanes;
    QVarLengthArray<LaneCell, 16> cells;
    QVarLengthArray<bool, 16> freeAtTop;
    for (int row = 0; row < rows; ++row) {
        const int revision = layout.m_revisionAtRow.at(row);
        const int topWidth = int(lanes.size());
        cells.assign(topWidth, 0);
        freeAtTop.assign(topWidth, false);

        // Edges arriving from above; the revision sits on a parent edge if
        // one arrives, so that lines of history stay straight.
        int nodeColumn = -1;
        for (int c = 0; c < topWidth; ++c) {
            const Slot &slot = lanes.at(c);
            if (slot.target < 0) {
                freeAtTop[c] = true;
                continue;
            }
            cells[c] = LaneUp | (slot.dependency ? LaneUpIsDependency : 0);
            if (slot.target == revision) {
                cells[c] |= LaneUpToNode;
                if (nodeColumn < 0 || (lanes.at(nodeColumn).dependency && !slot.dependency))
                    nodeColumn = c;
            }
        }
        // A column freed at this row is not reused at this row: an edge
        // that ends at the revision and another that starts from it in the
        // same column would read as one edge passing by.
        const auto takeFreeColumn = [&]() {
            for (int c = 0; c < topWidth; ++c) {
                if (freeAtTop[c]) {
                    freeAtTop[c] = false;
                    return c;
                }
            }
            lanes.append(Slot());
            cells.append(0);
            return int(lanes.size()) - 1;
        };
        if (nodeColumn < 0)
            nodeColumn = takeFreeColumn();
        for (int c = 0; c < topWidth; ++c) {
            if (lanes.at(c).target == revision)
                lanes[c] = {};
        }
        cells[nodeColumn] |= LaneNode;

        // Edges leaving downwards: the first one continues in the
        // revision's own column, the others each take a lane of their own.
        bool first = true;
        const auto leave = [&](int target, bool dependency) {
            const int column = first ? nodeColumn : takeFreeColumn();
            first = false;
            lanes[column] = { target, dependency };
            cells[column] |= LaneDownFromNode;
        };
        for (int parent : graph.parents(revision))
            leave(parent, false);
        for (int dependency : graph.dependencies(revision))
            leave(dependency, true);

        for (int c = 0; c < lanes.size(); ++c) {
            if (lanes.at(c).target >= 0)
                cells[c] |= LaneDown | (lanes.at(c).dependency ? LaneDownIsDependency : 0);
        }
        while (!lanes.isEmpty() && lanes.last().target < 0)
            lanes.removeLast();

        int width = int(cells.size());
        while (width > nodeColumn + 1 && cells[width - 1] == 0)
            --width;
        layout.m_nodeColumn.append(nodeColumn);
        layout.m_rowStart.append(layout.m_cells.size());
        const qsizetype at = layout.m_cells.size();
        layout.m_cells.resize(at + width);
        std::copy_n(cells.constData(), width, layout.m_cells.data() + at);
        layout.m_columnCount = std::max(layout.m_columnCount, width);
    }
    layout.m_rowStart.append(layout.m_cells.size());
    return layout;
}

std::span<const LaneCell> LaneLayout::cells(int row) const
{
    const qsizetype start = m_rowStart.at(row);
    return { m_cells.constData() + start, size_t(m_rowStart.at(row + 1) - start) };
}

QString LaneLayout::toAscii(const RevisionGraph &graph) const
{
    const int width = std::max(1, 2 * m_columnCount - 1);
    QStringList lines;
    const auto finish = [&lines](QString line) {
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        lines.append(line);
    };
    bool previousForked = false;
    for (int row = 0; row < rowCount(); ++row) {
        const std::span<const LaneCell> rowCells = cells(row);
        const int node = nodeColumn(row);
        const auto lane = [](LaneCell cell, LaneFlag dependencyFlag) {
            return QLatin1Char(cell & dependencyFlag ? ':' : '|');
        };
        // Draws a turn from `from` (the revision's column) to `to`, in a
        // connector line: the turn character next to `to`, `fill` across.
        const auto turn = [](QString &line, int from, int to, QChar towardsRight, QChar towardsLeft, QChar fill) {
            const int turnAt = to > from ? 2 * to - 1 : 2 * to + 1;
            line[turnAt] = to > from ? towardsRight : towardsLeft;
            const int low = std::min(2 * from + 1, turnAt + 1);
            const int high = std::max(2 * from - 1, turnAt - 1);
            for (int i = low; i <= high; ++i) {
                if (line.at(i) == QLatin1Char(' '))
                    line[i] = fill;
            }
        };

        bool joins = false;
        bool forks = false;
        QString join(width, QLatin1Char(' '));
        QString fork(width, QLatin1Char(' '));
        QString middle(width, QLatin1Char(' '));
        for (int c = 0; c < int(rowCells.size()); ++c) {
            const LaneCell cell = rowCells[c];
            const bool passing = (cell & LaneUp) && !(cell & LaneUpToNode);
            if (passing || (c == node && (cell & LaneUpToNode)))
                join[2 * c] = lane(cell, LaneUpIsDependency);
            if ((cell & LaneDown) && (!(cell & LaneDownFromNode) || c == node))
                fork[2 * c] = lane(cell, LaneDownIsDependency);
            if (passing)
                middle[2 * c] = lane(cell, LaneUpIsDependency);
        }
        for (int c = 0; c < int(rowCells.size()); ++c) {
            const LaneCell cell = rowCells[c];
            if (c != node && (cell & LaneUpToNode)) {
                turn(join, node, c, QLatin1Char('/'), QLatin1Char('\\'), QLatin1Char('_'));
                joins = true;
            }
            if (c != node && (cell & LaneDownFromNode)) {
                turn(fork, node, c, QLatin1Char('\\'), QLatin1Char('/'), QLatin1Char('-'));
                forks = true;
            }
        }
        middle[2 * node] = QLatin1Char('*');
        // Between two rows there is always at least one line, so that a
        // revision without parents never seems to continue into the next.
        if (joins)
            finish(join);
        else if (row > 0 && !previousForked)
            finish(join);
        finish(middle + QLatin1String("  ") + graph.revision(revisionAt(row)).id);
        if (forks)
            finish(fork);
        previousForked = forks;
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace Retort
