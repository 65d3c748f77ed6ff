#include "revisiongraph.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RevisionGraph", text);
}

Error revisionError(const Revision &revision, const QString &message)
{
    Error error = Error::at(revision.filePath, revision.line, message);
    error.revision = revision.id;
    return error;
}

} // namespace

Result<RevisionGraph> RevisionGraph::build(QList<Revision> revisions)
{
    RevisionGraph graph;
    graph.m_revisions = std::move(revisions);
    const int count = graph.size();
    graph.m_indexById.reserve(count);
    for (int i = 0; i < count; ++i) {
        const Revision &revision = graph.m_revisions.at(i);
        const int existing = graph.m_indexById.value(revision.id, -1);
        if (existing >= 0) {
            const Revision &first = graph.m_revisions.at(existing);
            return revisionError(revision, tr("revision id %1 is already used by %2").arg(revision.id, first.filePath));
        }
        graph.m_indexById.insert(revision.id, i);
    }

    QHash<QString, int> labelOwner;
    for (int i = 0; i < count; ++i) {
        for (const QString &label : graph.m_revisions.at(i).branchLabels) {
            const int owner = labelOwner.value(label, -1);
            if (owner >= 0) {
                return revisionError(graph.m_revisions.at(i),
                    tr("branch label \"%1\" is already used by revision %2 (%3)")
                        .arg(label, graph.m_revisions.at(owner).id, graph.m_revisions.at(owner).filePath));
            }
            labelOwner.insert(label, i);
        }
    }

    graph.m_parents.resize(count);
    graph.m_children.resize(count);
    graph.m_dependencies.resize(count);
    graph.m_dependents.resize(count);
    for (int i = 0; i < count; ++i) {
        const Revision &revision = graph.m_revisions.at(i);
        for (const QString &parentId : revision.downRevisions) {
            const int parent = graph.indexOf(parentId);
            if (parent < 0) {
                return revisionError(revision,
                    tr("down_revision %1 of revision %2 is not a revision of this project").arg(parentId, revision.id));
            }
            if (!graph.m_parents[i].contains(parent)) {
                graph.m_parents[i].append(parent);
                graph.m_children[parent].append(i);
            }
        }
        for (const QString &dependencyId : revision.dependsOn) {
            int dependency = graph.indexOf(dependencyId);
            if (dependency < 0)
                dependency = labelOwner.value(dependencyId, -1);
            if (dependency < 0) {
                return revisionError(revision,
                    tr("depends_on %1 of revision %2 is neither a revision nor a branch label of this project")
                        .arg(dependencyId, revision.id));
            }
            if (!graph.m_dependencies[i].contains(dependency)) {
                graph.m_dependencies[i].append(dependency);
                graph.m_dependents[dependency].append(i);
            }
        }
    }

    // Kahn's algorithm over parent and dependency edges, file order among
    // the ready revisions.
    QList<int> pending(count, 0);
    QList<int> ready;
    for (int i = 0; i < count; ++i) {
        pending[i] = int(graph.m_parents.at(i).size() + graph.m_dependencies.at(i).size());
        if (pending[i] == 0)
            ready.append(i);
    }
    graph.m_topological.reserve(count);
    for (qsizetype next = 0; next < ready.size(); ++next) {
        const int index = ready.at(next);
        graph.m_topological.append(index);
        const auto release = [&](int successor) {
            if (--pending[successor] == 0)
                ready.append(successor);
        };
        for (int child : graph.m_children.at(index))
            release(child);
        for (int dependent : graph.m_dependents.at(index))
            release(dependent);
    }
    if (graph.m_topological.size() != count) {
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
            for (int p : graph.m_parents.at(walker) + graph.m_dependencies.at(walker)) {
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
        QStringList cycle { graph.m_revisions.at(walker).id };
        for (qsizetype k = path.size() - 1; k > cycleStart; --k)
            cycle.append(graph.m_revisions.at(path.at(k)).id);
        cycle.append(cycle.first());
        return revisionError(graph.m_revisions.at(walker),
            tr("revision %1 is part of a cycle: %2")
                .arg(graph.m_revisions.at(walker).id, cycle.join(QLatin1String(" -> "))));
    }
    return graph;
}

QList<int> RevisionGraph::heads() const
{
    QList<int> result;
    for (int i = 0; i < size(); ++i) {
        if (isHead(i))
            result.append(i);
    }
    return result;
}

QList<int> RevisionGraph::bases() const
{
    QList<int> result;
    for (int i = 0; i < size(); ++i) {
        if (isBase(i))
            result.append(i);
    }
    return result;
}

} // namespace Retort
