#include "headtracker.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::HeadTracker", text);
}

Error trackingError(const QString &message)
{
    Error error = Error::at({}, 0, message);
    error.code = QStringLiteral("revision");
    return error;
}

} // namespace

HeadTracker::HeadTracker(const RevisionGraph &graph, const QList<int> &rows)
    : m_graph(graph)
    , m_isRow(size_t(graph.size()), 0)
    , m_applied(size_t(graph.size()), 0)
    , m_appliedSuccessors(size_t(graph.size()), 0)
{
    const RevisionSet applied = graph.ancestors(rows, EdgeKind::All);
    for (int revision : applied.members())
        m_applied[size_t(revision)] = 1;
    for (int revision : applied.members()) {
        for (int successor : graph.successors(revision)) {
            if (m_applied[size_t(successor)])
                ++m_appliedSuccessors[size_t(revision)];
        }
    }
    for (int row : rows) {
        if (!isRow(row))
            addRow(row);
    }
}

void HeadTracker::addRow(int revision)
{
    m_isRow[size_t(revision)] = 1;
    m_rows.append(revision);
    if (m_appliedSuccessors[size_t(revision)] > 0)
        ++m_rowsBelowOthers;
}

void HeadTracker::removeRow(int revision)
{
    m_isRow[size_t(revision)] = 0;
    m_rows.removeOne(revision);
    if (m_appliedSuccessors[size_t(revision)] > 0)
        --m_rowsBelowOthers;
}

void HeadTracker::addSuccessor(int revision, int delta)
{
    int &count = m_appliedSuccessors[size_t(revision)];
    const bool before = count > 0;
    count += delta;
    if (isRow(revision) && before != (count > 0))
        m_rowsBelowOthers += count > 0 ? 1 : -1;
}

QList<int> HeadTracker::otherRows(int except) const
{
    QList<int> others;
    for (int row : m_rows) {
        if (row != except)
            others.append(row);
    }
    return others;
}

bool HeadTracker::hasRedundantPredecessors(int revision)
{
    const IndexSpan predecessors = m_graph.predecessors(revision);
    if (predecessors.size() < 2)
        return false;
    const auto cached = m_redundant.constFind(revision);
    if (cached != m_redundant.constEnd())
        return *cached;
    // Walk down from the predecessors; reaching one of them means it lies
    // below another. Generations bound the walk: nothing below the lowest
    // predecessor's generation can be one of them.
    int lowest = INT_MAX;
    for (int predecessor : predecessors)
        lowest = std::min(lowest, m_graph.generation(predecessor));
    RevisionSet seen(m_graph.size());
    QList<int> stack;
    for (int predecessor : predecessors)
        stack += m_graph.predecessors(predecessor);
    bool redundant = false;
    while (!stack.isEmpty() && !redundant) {
        const int node = stack.takeLast();
        if (m_graph.generation(node) < lowest || !seen.insert(node))
            continue;
        redundant = predecessors.contains(node);
        stack += m_graph.predecessors(node);
    }
    m_redundant.insert(revision, redundant);
    return redundant;
}

Result<void> HeadTracker::upgrade(int revision)
{
    const IndexSpan predecessors = m_graph.predecessors(revision);
    QList<int> present;
    for (int predecessor : predecessors) {
        if (isRow(predecessor))
            present.append(predecessor);
    }
    if (present.size() > 1 && predecessors.size() > 1) {
        // A merge: Alembic removes the predecessors that lie below no other
        // head, and fails if one of those is not a row.
        QList<int> merged = predecessors.toList();
        bool allRows = present.size() == predecessors.size();
        if (m_rowsBelowOthers > 0 || !allRows) {
            QList<int> others;
            for (int row : std::as_const(m_rows)) {
                if (!predecessors.contains(row))
                    others.append(row);
            }
            const RevisionSet below = m_graph.ancestors(others, EdgeKind::All);
            merged.clear();
            for (int predecessor : predecessors) {
                if (below.contains(predecessor))
                    continue;
                if (!isRow(predecessor)) {
                    return trackingError(tr("cannot merge into %1: its predecessor %2 is applied but is neither a "
                                            "version row nor below another row (Alembic fails here too)")
                                             .arg(m_graph.revision(revision).id, m_graph.revision(predecessor).id));
                }
                merged.append(predecessor);
            }
        }
        for (int row : std::as_const(merged))
            removeRow(row);
    } else {
        // A new line (no predecessor is a row) or a step along one.
        for (int row : std::as_const(present))
            removeRow(row);
    }
    m_applied[size_t(revision)] = 1;
    for (int predecessor : predecessors)
        addSuccessor(predecessor, +1);
    addRow(revision);
    return {};
}

Result<void> HeadTracker::downgrade(int revision)
{
    if (!isRow(revision)) {
        return trackingError(tr("cannot revert %1: it is not a version row (Alembic fails here too)")
                                 .arg(m_graph.revision(revision).id));
    }
    const IndexSpan predecessors = m_graph.predecessors(revision);
    QList<int> restored;
    if (!predecessors.isEmpty()) {
        const QList<int> others = otherRows(revision);
        const bool redundant = hasRedundantPredecessors(revision);
        if (!others.isEmpty()) {
            if (m_rowsBelowOthers == 0 && !redundant) {
                // A predecessor lies below another row exactly when it has
                // an applied successor besides this revision.
                for (int predecessor : predecessors) {
                    if (m_appliedSuccessors[size_t(predecessor)] == 1)
                        restored.append(predecessor);
                }
            } else {
                const RevisionSet below = m_graph.ancestors(others, EdgeKind::All);
                for (int predecessor : predecessors) {
                    if (!below.contains(predecessor))
                        restored.append(predecessor);
                }
            }
        } else if (redundant) {
            QList<int> start;
            for (int predecessor : predecessors)
                start += m_graph.predecessors(predecessor);
            const RevisionSet below = m_graph.ancestors(start, EdgeKind::All);
            for (int predecessor : predecessors) {
                if (!below.contains(predecessor))
                    restored.append(predecessor);
            }
        } else {
            restored = predecessors.toList();
        }
    }
    for (int row : std::as_const(restored)) {
        if (isRow(row)) {
            return trackingError(tr("cannot revert %1: %2 would be a version row twice (Alembic fails here too)")
                                     .arg(m_graph.revision(revision).id, m_graph.revision(row).id));
        }
    }
    removeRow(revision);
    m_applied[size_t(revision)] = 0;
    for (int predecessor : predecessors)
        addSuccessor(predecessor, -1);
    for (int row : std::as_const(restored))
        addRow(row);
    return {};
}

QStringList HeadTracker::rows() const
{
    QStringList ids;
    ids.reserve(m_rows.size());
    for (int row : m_rows)
        ids.append(m_graph.revision(row).id);
    ids.sort();
    return ids;
}

} // namespace Retort
