#include "mergeanalysis.h"

#include "sql/revisionanalysis.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <map>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::MergeAnalysis", text);
}

} // namespace

Result<MergeAnalysis> analyzeMerge(const RevisionGraph &graph, const QList<int> &heads, Dialect dialect)
{
    if (heads.size() < 2)
        return Error::at({}, 0, tr("a merge needs at least two revisions"));
    MergeAnalysis analysis;
    analysis.heads = heads;
    QList<RevisionSet> reach;
    for (int head : heads)
        reach.append(graph.ancestors(QList<int> { head }));
    for (qsizetype i = 0; i < heads.size(); ++i) {
        for (qsizetype j = 0; j < heads.size(); ++j) {
            if (i != j && reach.at(j).contains(heads.at(i))) {
                Error error = Error::at(graph.revision(heads.at(i)).filePath(), graph.revision(heads.at(i)).line,
                    tr("%1 is already an ancestor of %2; merging them would change nothing")
                        .arg(graph.revision(heads.at(i)).id, graph.revision(heads.at(j)).id));
                error.revision = graph.revision(heads.at(i)).id;
                return error;
            }
        }
    }

    // What every head has, and the newest of it: those with no successor
    // that every head also has.
    RevisionSet common(graph.size());
    for (int index : reach.first().members()) {
        if (std::all_of(reach.cbegin() + 1, reach.cend(), [index](const RevisionSet &r) { return r.contains(index); }))
            common.insert(index);
    }
    for (int index : common.sorted()) {
        const IndexSpan next = graph.successors(index);
        if (std::none_of(next.cbegin(), next.cend(), [&](int s) { return common.contains(s); }))
            analysis.commonAncestors.append(index);
    }

    const auto byAge = [&graph](int a, int b) { return graph.topologicalPosition(a) < graph.topologicalPosition(b); };
    QHash<int, QList<SqlTouch>> touchesOf; // per revision, analysed once
    for (qsizetype i = 0; i < heads.size(); ++i) {
        MergeAnalysis::Branch branch;
        branch.head = heads.at(i);
        for (int index : reach.at(i).members()) {
            if (!common.contains(index))
                branch.revisions.append(index);
        }
        std::sort(branch.revisions.begin(), branch.revisions.end(), byAge);
        for (int index : std::as_const(branch.revisions)) {
            if (!touchesOf.contains(index))
                touchesOf.insert(index, analyzeRevision(graph.revision(index), Direction::Upgrade, dialect).touches);
            branch.touches += touchesOf.value(index);
        }
        analysis.branches.append(branch);
    }

    // A table overlaps when revisions that only some branches have touch it
    // in more than one branch: compare each pair on what one has and the
    // other has not, so a revision both share is never its own overlap.
    std::map<QString, MergeAnalysis::Overlap> overlaps; // sorted by table
    for (qsizetype i = 0; i < heads.size(); ++i) {
        for (qsizetype j = i + 1; j < heads.size(); ++j) {
            struct Side {
                QSet<QString> columns;
                bool tableLevel = false;
                QList<int> revisions;
            };
            const auto sideOf = [&](qsizetype mine, qsizetype theirs) {
                QHash<QString, Side> sides;
                for (int index : analysis.branches.at(mine).revisions) {
                    if (reach.at(theirs).contains(index))
                        continue;
                    for (const SqlTouch &touch : touchesOf.value(index)) {
                        Side &side = sides[unqualifiedTableName(touch.table)];
                        if (touch.column.isEmpty())
                            side.tableLevel = true;
                        else
                            side.columns.insert(touch.column);
                        if (!side.revisions.contains(index))
                            side.revisions.append(index);
                    }
                }
                return sides;
            };
            const QHash<QString, Side> first = sideOf(i, j);
            const QHash<QString, Side> second = sideOf(j, i);
            for (auto it = first.cbegin(); it != first.cend(); ++it) {
                const auto other = second.constFind(it.key());
                if (other == second.cend())
                    continue;
                MergeAnalysis::Overlap &overlap = overlaps[it.key()];
                overlap.table = it.key();
                QSet<QString> shared = it->columns;
                shared.intersect(other->columns);
                for (const QString &column : std::as_const(shared)) {
                    if (!overlap.columns.contains(column))
                        overlap.columns.append(column);
                }
                for (int branch : { int(i), int(j) }) {
                    if (!overlap.branches.contains(branch))
                        overlap.branches.append(branch);
                }
                for (int index : it->revisions + other->revisions) {
                    if (!overlap.revisions.contains(index))
                        overlap.revisions.append(index);
                }
            }
        }
    }
    for (auto &[table, overlap] : overlaps) {
        std::sort(overlap.columns.begin(), overlap.columns.end());
        std::sort(overlap.branches.begin(), overlap.branches.end());
        std::sort(overlap.revisions.begin(), overlap.revisions.end(), byAge);
        analysis.overlaps.append(overlap);
    }
    return analysis;
}

} // namespace Retort
