#pragma once

#include "project/revision.h"
#include "util/result.h"

#include <QHash>
#include <QList>

namespace Retort {

// The revision graph of a project: revisions by index, with their parents
// (down_revision), children, and depends_on edges resolved to indexes.
// Built once from the loaded revisions and immutable afterwards; every query
// is linear in revisions plus edges or better.
class RevisionGraph
{
public:
    RevisionGraph() = default;

    // Validates and indexes `revisions` (kept in the given order, which is
    // file-name order). Errors name the file and line: duplicate ids, a
    // down_revision or depends_on that points nowhere, a branch label used
    // twice, a cycle.
    static Result<RevisionGraph> build(QList<Revision> revisions);

    int size() const { return int(m_revisions.size()); }
    bool isEmpty() const { return m_revisions.isEmpty(); }
    const Revision &revision(int index) const { return m_revisions.at(index); }
    const QList<Revision> &revisions() const { return m_revisions; }
    int indexOf(const QString &id) const { return m_indexById.value(id, -1); }

    const QList<int> &parents(int index) const { return m_parents.at(index); }
    const QList<int> &children(int index) const { return m_children.at(index); }
    const QList<int> &dependencies(int index) const { return m_dependencies.at(index); }
    const QList<int> &dependents(int index) const { return m_dependents.at(index); }

    // Alembic's notions: a head has no child through down_revision; a
    // branch point has several; a merge point has several parents.
    bool isHead(int index) const { return m_children.at(index).isEmpty(); }
    bool isBase(int index) const { return m_parents.at(index).isEmpty(); }
    bool isBranchPoint(int index) const { return m_children.at(index).size() > 1; }
    bool isMergePoint(int index) const { return m_parents.at(index).size() > 1; }

    QList<int> heads() const;
    QList<int> bases() const;

    // Every revision after all of its parents and dependencies; ties keep
    // file order.
    const QList<int> &topologicalOrder() const { return m_topological; }

private:
    QList<Revision> m_revisions;
    QHash<QString, int> m_indexById;
    QList<QList<int>> m_parents;
    QList<QList<int>> m_children;
    QList<QList<int>> m_dependencies;
    QList<QList<int>> m_dependents;
    QList<int> m_topological;
};

} // namespace Retort
