#include "stampplanner.h"

#include <QCoreApplication>
#include <QSet>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::StampPlanner", text);
}

} // namespace

Result<QStringList> StampPlanner::stamp(const QStringList &currentRows, const QStringList &targets, bool purge) const
{
    const QStringList rows = purge ? QStringList() : currentRows;
    QList<int> headRevisions;
    for (const QString &row : rows) {
        const int index = m_graph.indexOf(row);
        if (index < 0) {
            Error error = Error::at({}, 0,
                tr("the database is at revision %1, which this project does not have; stamp with --purge to replace "
                   "the version table's rows whatever they are")
                    .arg(row));
            error.revision = row;
            return error;
        }
        headRevisions.append(index);
    }
    const QStringList destinations = targets.isEmpty() ? QStringList { QStringLiteral("base") } : targets;

    // The applied heads on the lines of the targets (_stamp_revs's filtered_heads).
    QList<int> filtered;
    for (const QString &target : destinations) {
        Result<QList<int>> sharing = m_resolver.filterForLineage(headRevisions, target, true);
        if (!sharing)
            return sharing.error();
        for (int head : *sharing) {
            if (!filtered.contains(head))
                filtered.append(head);
        }
    }
    Result<QList<int>> resolved = m_resolver.revisions(destinations);
    if (!resolved)
        return resolved.error();
    QList<int> dests = *resolved;
    if (dests.isEmpty())
        dests.append(TargetResolver::None);

    QSet<QString> heads(rows.cbegin(), rows.cend());
    QStringList filteredIds;
    for (int head : std::as_const(filtered))
        filteredIds.append(m_graph.revision(head).id);
    for (int dest : std::as_const(dests)) {
        if (dest < 0) {
            // "base": each head on the named lines is deleted.
            for (const QString &head : std::as_const(filteredIds)) {
                if (!heads.remove(head)) {
                    return Error::at({}, 0,
                        tr("cannot stamp base: the targets (%1) overlap on the line of %2")
                            .arg(destinations.join(QLatin1String(", ")), head));
                }
            }
            continue;
        }
        if (filtered.contains(dest))
            continue;
        const QString to = m_graph.revision(dest).id;
        const RevisionSet descendants = m_graph.descendants(QList<int> { dest });
        const RevisionSet ancestors = m_graph.ancestors(QList<int> { dest });
        const bool below =
            std::any_of(filtered.cbegin(), filtered.cend(), [&](int h) { return descendants.contains(h); });
        const bool above =
            std::any_of(filtered.cbegin(), filtered.cend(), [&](int h) { return ancestors.contains(h); });
        QStringList from;
        bool isUpgrade = true;
        bool branchMove = false;
        if (below) {
            from = filteredIds;
            isUpgrade = false;
        } else if (above) {
            from = filteredIds;
        } else {
            branchMove = true;
        }
        // HeadMaintainer.update_to_step for a StampStep, with its checks: a
        // head it moves must be there, and the new one must not.
        const auto conflict = [&](const QString &head) {
            return Error::at({}, 0,
                tr("cannot stamp %1: the targets (%2) overlap on the line of %3; stamp one target per line of history")
                    .arg(to, destinations.join(QLatin1String(", ")), head));
        };
        const auto move = [&](const QStringList &removed) -> Result<void> {
            for (const QString &head : removed) {
                if (!heads.remove(head))
                    return conflict(head);
            }
            if (heads.contains(to))
                return conflict(to);
            heads.insert(to);
            return {};
        };
        const bool fromMissing =
            std::any_of(from.cbegin(), from.cend(), [&](const QString &f) { return !heads.contains(f); });
        const bool createBranch = isUpgrade && (branchMove || fromMissing) && !heads.contains(to);
        Result<void> moved;
        if (createBranch)
            moved = move({});
        else if (!from.isEmpty())
            moved = move(from);
        else
            return Error::at({}, 0, tr("cannot stamp %1: it is already in the version table").arg(to));
        if (!moved)
            return moved.error();
    }
    QStringList after(heads.cbegin(), heads.cend());
    after.sort();
    return after;
}

} // namespace Retort
