#include "revisiongraph.h"

#include <QCoreApplication>

#include <algorithm>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RevisionGraph", text);
}

} // namespace

Result<RevisionGraph> RevisionGraph::build(QList<Revision> revisions)
{
    RevisionGraph graph;
    graph.m_revisions = std::move(revisions);
    const int count = graph.size();
    int duplicate = -1;
    graph.m_idTable.build(graph.m_revisions, &duplicate);
    if (duplicate >= 0) {
        const Revision &revision = graph.m_revisions.at(duplicate);
        const Revision &first = graph.m_revisions.at(graph.indexOf(revision.id));
        return errorAbout(revision, tr("revision id %1 is already used by %2").arg(revision.id, first.filePath()));
    }

    // Alembic keeps revision ids and branch labels in one map, so a label
    // may name neither another label nor a revision.
    for (int i = 0; i < count; ++i) {
        const Revision &revision = graph.m_revisions.at(i);
        for (const QString &label : revision.branchLabels) {
            const int owner = graph.m_labelOwner.value(label, -1);
            if (owner >= 0 && owner != i) {
                return errorAbout(revision,
                    tr("branch label \"%1\" is already used by revision %2 (%3)")
                        .arg(label, graph.m_revisions.at(owner).id, graph.m_revisions.at(owner).filePath()));
            }
            const int sameId = graph.indexOf(label);
            if (sameId >= 0) {
                return errorAbout(revision,
                    tr("branch label \"%1\" is also the id of revision %2 (%3); "
                       "labels and revision ids share one namespace")
                        .arg(label, label, graph.m_revisions.at(sameId).filePath()));
            }
            graph.m_labelOwner.insert(label, i);
        }
    }

    if (auto resolved = graph.resolveEdges(graph.m_labelOwner); !resolved)
        return resolved.error();
    if (auto ordered = graph.orderTopologically(); !ordered)
        return ordered.error();
    graph.normalizeDependencies();
    graph.propagateBranchLabels();
    return graph;
}

Result<void> RevisionGraph::resolveEdges(const QHash<QString, int> &labelOwner)
{
    const int count = size();
    qsizetype edges = 0;
    for (const Revision &revision : std::as_const(m_revisions))
        edges += revision.downRevisions.size();
    m_parents.reserve(count, edges);
    for (int i = 0; i < count; ++i) {
        const Revision &revision = m_revisions.at(i);
        m_parents.startList();
        for (qsizetype k = 0; k < revision.downRevisions.size(); ++k) {
            const QString &parentId = revision.downRevisions.at(k);
            const int parent = indexOf(parentId);
            if (parent < 0) {
                return errorAbout(revision,
                    tr("down_revision %1 of revision %2 is not a revision of this project").arg(parentId, revision.id));
            }
            if (parent == i)
                return errorAbout(revision, tr("revision %1 lists itself as its down_revision").arg(revision.id));
            if (!m_parents.lastList().contains(parent))
                m_parents.append(parent);
            // The same text as the parent's id: sharing the parent's copy
            // frees one string a revision (about 5 MB at 100,000).
            m_revisions[i].downRevisions[k] = m_revisions.at(parent).id;
        }
        for (const QString &dependencyId : revision.dependsOn) {
            int dependency = indexOf(dependencyId);
            if (dependency < 0)
                dependency = labelOwner.value(dependencyId, -1);
            if (dependency < 0) {
                return errorAbout(revision,
                    tr("depends_on %1 of revision %2 is neither a revision nor a branch label of this project")
                        .arg(dependencyId, revision.id));
            }
            if (dependency == i)
                return errorAbout(revision, tr("revision %1 depends on itself").arg(revision.id));
            if (!m_dependencies.at(i).contains(dependency)) {
                m_dependencies[i].append(dependency);
                m_dependents[dependency].append(i);
            }
        }
    }
    m_children = m_parents.reversed(count);
    m_realBranchPoint.resize(count);
    for (int i = 0; i < count; ++i) {
        // Alembic's _all_nextrev: children and dependents, each counted once.
        qsizetype next = m_children.at(i).size();
        for (int dependent : m_dependents.at(i)) {
            if (!m_children.at(i).contains(dependent))
                ++next;
        }
        m_realBranchPoint[i] = next > 1;
    }
    return {};
}

Result<void> RevisionGraph::orderTopologically()
{
    // Kahn's algorithm over parent and dependency edges, file order among
    // the ready revisions.
    const int count = size();
    QList<int> pending(count, 0);
    QList<int> ready;
    ready.reserve(count);
    for (int i = 0; i < count; ++i) {
        pending[i] = int(m_parents.at(i).size() + m_dependencies.at(i).size());
        if (pending[i] == 0)
            ready.append(i);
    }
    m_topological.reserve(count);
    for (qsizetype next = 0; next < ready.size(); ++next) {
        const int index = ready.at(next);
        m_topological.append(index);
        const auto release = [&](int successor) {
            if (--pending[successor] == 0)
                ready.append(successor);
        };
        for (int child : m_children.at(index))
            release(child);
        for (int dependent : m_dependents.at(index))
            release(dependent);
    }
    if (m_topological.size() != count) {
        // Every revision still pending has a pending parent or dependency, so
        // walking those backwards must come round to a revision already seen:
        // that revision is on a cycle, and the walk since then is the cycle.
        int walker =
            int(std::find_if(pending.cbegin(), pending.cend(), [](int n) { return n > 0; }) - pending.cbegin());
        QHash<int, int> seenAt;
        QList<int> path;
        while (!seenAt.contains(walker)) {
            seenAt.insert(walker, int(path.size()));
            path.append(walker);
            int predecessor = -1;
            QList<int> predecessors = m_parents.at(walker).toList();
            predecessors += m_dependencies.at(walker);
            for (int p : std::as_const(predecessors)) {
                if (pending.at(p) > 0) {
                    predecessor = p;
                    break;
                }
            }
            walker = predecessor;
        }
        // The walk went from child to parent; list the cycle parent first,
        // starting and ending at the revision reported.
        const qsizetype cycleStart = seenAt.value(walker);
        QStringList cycle { m_revisions.at(walker).id };
        for (qsizetype k = path.size() - 1; k > cycleStart; --k)
            cycle.append(m_revisions.at(path.at(k)).id);
        cycle.append(cycle.first());
        return errorAbout(m_revisions.at(walker),
            tr("revision %1 is part of a cycle: %2").arg(m_revisions.at(walker).id, cycle.join(QLatin1String(" -> "))));
    }
    m_topologicalPosition.resize(count);
    for (int position = 0; position < count; ++position)
        m_topologicalPosition[m_topological.at(position)] = position;
    return {};
}

void RevisionGraph::normalizeDependencies()
{
    // A dependency d of r is dropped when a strict down_revision ancestor of
    // r depends on d too. Only dependencies shared by several revisions can
    // be dropped, and only from a revision that descends from another
    // revision depending on d: one walk up from those revisions, stopping
    // above the highest of them, finds all such cases.
    const int count = size();
    m_normalizedDependencies = m_dependencies;
    QHash<int, QList<int>> dependentsOf; // d -> revisions depending on d, when more than one
    for (int d = 0; d < count; ++d) {
        if (m_dependents.at(d).size() > 1)
            dependentsOf.insert(d, m_dependents.at(d));
    }
    for (auto it = dependentsOf.cbegin(); it != dependentsOf.cend(); ++it) {
        const QList<int> &members = it.value();
        int highest = 0;
        QSet<int> memberSet;
        for (int member : members) {
            highest = std::max(highest, m_topologicalPosition.at(member));
            memberSet.insert(member);
        }
        QSet<int> seen;
        QList<int> stack;
        for (int member : members)
            stack += m_children.at(member);
        while (!stack.isEmpty()) {
            const int node = stack.takeLast();
            if (m_topologicalPosition.at(node) > highest || seen.contains(node))
                continue;
            seen.insert(node);
            if (memberSet.contains(node))
                m_normalizedDependencies[node].removeOne(it.key());
            stack += m_children.at(node);
        }
    }

    m_generation.resize(count);
    // Most revisions have no dependencies and no dependents: their
    // predecessors are their parents and their successors their children
    // (see predecessors()), and only the others have lists of their own.
    QHash<int, QList<int>> dependentSuccessors;
    for (int i = 0; i < count; ++i) {
        const QList<int> &dependencies = m_normalizedDependencies.at(i);
        if (dependencies.isEmpty())
            continue;
        QList<int> predecessors = m_parents.at(i).toList();
        for (int dependency : dependencies) {
            if (!predecessors.contains(dependency)) {
                predecessors.append(dependency);
                dependentSuccessors[dependency].append(i);
            }
        }
        if (predecessors.size() > m_parents.at(i).size())
            m_predecessors[i] = predecessors;
    }
    for (auto it = dependentSuccessors.cbegin(); it != dependentSuccessors.cend(); ++it) {
        const IndexSpan children = m_children.at(it.key());
        const QList<int> &extra = it.value();
        // Both lists are in index order (filled while counting up).
        QList<int> &successors = m_successors[it.key()];
        successors.resize(children.size() + extra.size());
        std::merge(children.cbegin(), children.cend(), extra.cbegin(), extra.cend(), successors.begin());
    }
    for (int index : std::as_const(m_topological)) {
        int generation = 1;
        for (int predecessor : predecessors(index))
            generation = std::max(generation, m_generation.at(predecessor) + 1);
        m_generation[index] = generation;
    }
}

void RevisionGraph::propagateBranchLabels()
{
    // Alembic (RevisionMap._add_branches) gives a labelled revision's labels
    // to all its down_revision descendants. When those descendants form a
    // plain line, it also walks down from the top of that line, through the
    // labelled revision, to the nearest branch or merge point, labelling the
    // revisions it passes.
    if (m_labelOwner.isEmpty())
        return;
    const int count = size();
    QList<QStringList> inherited(count);
    for (int index : std::as_const(m_topological)) {
        QStringList labels = m_revisions.at(index).branchLabels;
        for (int parent : m_parents.at(index)) {
            const QStringList &fromParent = inherited.at(parent);
            if (labels.isEmpty())
                labels = fromParent;
            else
                for (const QString &label : fromParent)
                    if (!labels.contains(label))
                        labels.append(label);
        }
        inherited[index] = labels;
    }

    const auto plainNode = [this](int index) { return !m_realBranchPoint.at(index) && !isMergePoint(index); };
    // Whether a revision and all its descendants form a plain line.
    QList<bool> plainAbove(count, false);
    for (auto it = m_topological.crbegin(); it != m_topological.crend(); ++it) {
        const int index = *it;
        const IndexSpan children = m_children.at(index);
        plainAbove[index] =
            plainNode(index) && (children.isEmpty() || (children.size() == 1 && plainAbove.at(children.first())));
    }
    // Topmost labelled revisions first: a walk that passes another labelled
    // revision of the same line takes its labels along, so each line is
    // walked once.
    QList<bool> walked(count, false);
    for (auto it = m_topological.crbegin(); it != m_topological.crend(); ++it) {
        const int start = *it;
        if (m_revisions.at(start).branchLabels.isEmpty() || !plainAbove.at(start) || walked.at(start))
            continue;
        QStringList carried = m_revisions.at(start).branchLabels;
        int node = start;
        while (!m_parents.at(node).isEmpty()) {
            node = m_parents.at(node).first();
            if (!plainNode(node))
                break;
            walked[node] = true;
            for (const QString &label : m_revisions.at(node).branchLabels)
                if (!carried.contains(label))
                    carried.append(label);
            QStringList &labels = inherited[node];
            for (const QString &label : std::as_const(carried))
                if (!labels.contains(label))
                    labels.append(label);
        }
    }
    // Revisions that inherited their labels unchanged share one list, so a
    // list already seen is recognised by its data, without sorting it again.
    m_labelSetOf.fill(-1, count);
    QHash<const QString *, int> setOfData;
    QHash<QStringList, int> setOfLabels;
    for (int i = 0; i < count; ++i) {
        const QStringList &labels = inherited.at(i);
        if (labels.isEmpty())
            continue;
        auto known = setOfData.constFind(labels.constData());
        if (known == setOfData.constEnd()) {
            QStringList sorted = labels;
            sorted.sort();
            int set = setOfLabels.value(sorted, -1);
            if (set < 0) {
                set = int(m_labelSets.size());
                sorted.squeeze();
                m_labelSets.append(sorted);
                setOfLabels.insert(sorted, set);
            }
            known = setOfData.insert(labels.constData(), set);
        }
        m_labelSetOf[i] = *known;
    }
}

const QStringList &RevisionGraph::branchNames(int index) const
{
    static const QStringList none;
    const int set = m_labelSetOf.isEmpty() ? -1 : m_labelSetOf.at(index);
    return set < 0 ? none : m_labelSets.at(set);
}

QList<int> RevisionGraph::select(bool (RevisionGraph::*predicate)(int) const) const
{
    QList<int> result;
    for (int i = 0; i < size(); ++i) {
        if ((this->*predicate)(i))
            result.append(i);
    }
    return result;
}

RevisionSet RevisionGraph::reach(const QList<int> &from, IndexSpan (RevisionGraph::*edges)(int) const) const
{
    RevisionSet result(size());
    QList<int> stack = from;
    while (!stack.isEmpty()) {
        const int node = stack.takeLast();
        if (result.insert(node))
            stack += (this->*edges)(node);
    }
    return result;
}

RevisionSet RevisionGraph::ancestors(const QList<int> &from, EdgeKind edges) const
{
    return reach(from, edges == EdgeKind::All ? &RevisionGraph::predecessors : &RevisionGraph::parents);
}

RevisionSet RevisionGraph::descendants(const QList<int> &from, EdgeKind edges) const
{
    return reach(from, edges == EdgeKind::All ? &RevisionGraph::successors : &RevisionGraph::children);
}

QList<int> RevisionGraph::ancestors(int index) const
{
    return ancestors(predecessors(index).toList(), EdgeKind::All).sorted();
}

QList<int> RevisionGraph::descendants(int index) const
{
    return descendants(successors(index).toList(), EdgeKind::All).sorted();
}

} // namespace Retort
