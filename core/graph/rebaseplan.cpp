#include "rebaseplan.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::RebasePlan", text);
}

} // namespace

Result<RebasePlan> planRebase(const RevisionGraph &graph, int branchHead, int ontoHead)
{
    const auto id = [&graph](int index) { return graph.revision(index).id; };
    for (int head : { branchHead, ontoHead }) {
        if (head < 0 || head >= graph.size() || !graph.isHead(head))
            return Error::at({}, 0, tr("only a head can be rebased or rebased onto"));
    }
    if (branchHead == ontoHead)
        return Error::at({}, 0, tr("a branch cannot be rebased onto itself"));

    const RevisionSet ontoLine = graph.ancestors(QList<int> { ontoHead }, EdgeKind::DownRevisions);
    RebasePlan plan;
    plan.branchHead = branchHead;
    plan.ontoHead = ontoHead;
    const RevisionSet branchLine = graph.ancestors(QList<int> { branchHead }, EdgeKind::DownRevisions);
    for (int index : branchLine.members()) {
        if (!ontoLine.contains(index))
            plan.moved.append(index);
    }
    std::sort(plan.moved.begin(), plan.moved.end(),
        [&graph](int a, int b) { return graph.topologicalPosition(a) < graph.topologicalPosition(b); });

    const auto inBranch = [&plan](int index) { return plan.moved.contains(index); };
    QList<int> roots;
    for (int index : std::as_const(plan.moved)) {
        const IndexSpan parents = graph.parents(index);
        if (std::none_of(parents.cbegin(), parents.cend(), inBranch))
            roots.append(index);
        for (int child : graph.children(index)) {
            if (!inBranch(child)) {
                return errorAbout(graph.revision(index),
                    tr("%1 is also the parent of %2, which is not on the branch; rebasing would move "
                       "that branch too. Merge instead, or rebase %2's branch first.")
                        .arg(id(index), id(child)));
            }
        }
    }
    if (roots.size() != 1) {
        QStringList names;
        for (int root : std::as_const(roots))
            names.append(id(root));
        return Error::at({}, 0,
            tr("the branch of %1 starts at several revisions (%2); only a branch with one start can "
               "be moved. Merge instead.")
                .arg(id(branchHead), names.join(QLatin1String(", "))));
    }
    plan.root = roots.first();
    if (graph.parents(plan.root).size() > 1) {
        return errorAbout(graph.revision(plan.root),
            tr("the branch starts with the merge %1; a merge cannot be moved. Merge the heads instead.")
                .arg(id(plan.root)));
    }
    plan.oldDownRevisions = graph.revision(plan.root).downRevisions;
    plan.newDownRevisions = { id(ontoHead) };

    // The result must still be a graph: something on the other line that
    // depends on the branch would now be its own ancestor.
    Result<RevisionGraph> rebased = RevisionGraph::build(rebasedRevisions(graph, plan));
    if (!rebased) {
        return Error::at({}, 0,
            tr("rebasing %1 onto %2 would not leave a valid graph: %3")
                .arg(id(branchHead), id(ontoHead), rebased.error().message));
    }
    return plan;
}

QList<Revision> rebasedRevisions(const RevisionGraph &graph, const RebasePlan &plan)
{
    QList<Revision> revisions = graph.revisions();
    if (plan.root >= 0 && plan.root < revisions.size())
        revisions[plan.root].downRevisions = plan.newDownRevisions;
    return revisions;
}

QList<int> appliedAmong(const RevisionGraph &graph, const QStringList &versionRows, const QList<int> &revisions)
{
    QList<int> rows;
    for (const QString &row : versionRows) {
        const int index = graph.indexOf(row);
        if (index >= 0)
            rows.append(index);
    }
    const RevisionSet applied = graph.ancestors(rows);
    QList<int> result;
    for (int index : revisions) {
        if (applied.contains(index))
            result.append(index);
    }
    return result;
}

} // namespace Retort
