#include "planner.h"

#include "alembicorder.h"
#include "headtracker.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Planner", text);
}

QString tr(const char *text, const char *disambiguation, int n)
{
    return QCoreApplication::translate("Retort::Planner", text, disambiguation, n);
}

bool truthy(const std::optional<QString> &text)
{
    return text && !text->isEmpty();
}

// Alembic's _relative_destination, matched at the start of the target only
// (re.match): [LABEL@][SYMBOL](+|-)N.
struct RelativeTarget {
    std::optional<QString> branch;
    std::optional<QString> symbol;
    QString relative; // "+2", "-1"
    int steps = 0;
};

std::optional<RelativeTarget> matchRelative(const QString &target)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(\A(?:(.+?)@)?(\w+)?((?:\+|-)\d+))"), QRegularExpression::UseUnicodePropertiesOption);
    const QRegularExpressionMatch match = pattern.match(target);
    if (!match.hasMatch())
        return std::nullopt;
    RelativeTarget relative;
    if (match.hasCaptured(1))
        relative.branch = match.captured(1);
    if (match.hasCaptured(2))
        relative.symbol = match.captured(2);
    relative.relative = match.captured(3);
    const std::optional<qint64> steps = parsePythonInt(relative.relative);
    relative.steps = int(std::clamp<qint64>(steps.value_or(0), -1000000000, 1000000000));
    return relative;
}

Error didNotProduce(const QString &relative, int steps)
{
    return TargetResolver::revisionError(
        tr("relative revision %1 didn't produce %2 migrations").arg(relative).arg(std::abs(steps)));
}

Error rangeNotAncestor(const QString &message)
{
    Error error = Error::at({}, 0, message);
    error.code = TargetError::RangeNotAncestor;
    return error;
}

QStringList idsOf(const RevisionGraph &graph, const QList<int> &indexes)
{
    QStringList ids;
    for (int index : indexes)
        ids.append(index >= 0 ? graph.revision(index).id : QStringLiteral("base"));
    return ids;
}

} // namespace

Result<QList<int>> Planner::rowRevisions(const QStringList &rows) const
{
    QList<int> revisions;
    QStringList unknown;
    for (const QString &row : rows) {
        const int index = m_graph.indexOf(row);
        if (index < 0)
            unknown.append(row);
        else if (!revisions.contains(index))
            revisions.append(index);
    }
    if (!unknown.isEmpty()) {
        unknown.sort();
        Error error = Error::at({}, 0,
            tr("the version table holds %n revision(s) that this project does not have: %1 (were revision files "
               "deleted, or is this another project's database?)",
                nullptr, int(unknown.size()))
                .arg(unknown.join(QLatin1String(", "))));
        error.code = QStringLiteral("unknown-revision");
        error.revision = unknown.first();
        return error;
    }
    return revisions;
}

QList<int> Planner::currentRevisions(const QList<int> &rows) const
{
    const RevisionSet applied = m_graph.ancestors(rows, EdgeKind::All);
    QList<int> result;
    for (int revision : applied.sorted()) {
        const IndexSpan children = m_graph.children(revision);
        if (std::none_of(children.cbegin(), children.cend(), [&](int child) { return applied.contains(child); }))
            result.append(revision);
    }
    return result;
}

Result<QList<int>> Planner::revisionsOf(const Bound &bound) const
{
    if (bound.isString)
        return m_resolver.revisions(bound.tokens.first());
    return m_resolver.revisions(bound.tokens);
}

Result<RevisionSet> Planner::checkedWalk(const QList<int> &targets, bool upwards, EdgeKind edges) const
{
    RevisionSet seen(m_graph.size());
    const QSet<int> targetSet(targets.cbegin(), targets.cend());
    for (int target : targets) {
        if (target < 0)
            return TargetResolver::revisionError(tr("%1 is not a revision").arg(idsOf(m_graph, { target }).first()));
        QList<int> stack { target };
        QStringList overlaps;
        while (!stack.isEmpty()) {
            const int node = stack.takeLast();
            if (node != target && targetSet.contains(node) && !overlaps.contains(m_graph.revision(node).id))
                overlaps.append(m_graph.revision(node).id);
            if (!seen.insert(node))
                continue;
            if (upwards)
                stack += edges == EdgeKind::All ? m_graph.successors(node) : m_graph.children(node);
            else
                stack += edges == EdgeKind::All ? m_graph.predecessors(node) : m_graph.parents(node);
        }
        if (!overlaps.isEmpty()) {
            overlaps.sort();
            return TargetResolver::revisionError(
                tr("requested revision %1 overlaps with other requested revisions %2")
                    .arg(m_graph.revision(target).id, overlaps.join(QLatin1String(", "))));
        }
    }
    return seen;
}

Result<QList<int>> Planner::parseUpgradeTarget(
    const Bound &current, const Bound &target, bool assertRelativeLength) const
{
    const std::optional<RelativeTarget> relative =
        target.isString ? matchRelative(target.string()) : std::optional<RelativeTarget>();
    if (!relative)
        return revisionsOf(target);
    if (relative->steps > 0) {
        if (!relative->symbol) {
            // Up from the current revisions.
            QList<int> start;
            if (truthy(relative->branch)) {
                Result<QList<int>> currentRevisions = revisionsOf(current);
                if (!currentRevisions)
                    return currentRevisions.error();
                Result<QList<int>> onBranch = m_resolver.filterForLineage(*currentRevisions, *relative->branch);
                if (!onBranch)
                    return onBranch.error();
                start = *onBranch;
                if (start.isEmpty()) {
                    // The branch has no current head: start from the tips of
                    // what is applied on it, or from the base.
                    QList<int> known;
                    for (int revision : std::as_const(*currentRevisions)) {
                        if (revision < 0)
                            return TargetResolver::revisionError(tr("cannot walk from below the base"));
                        known.append(revision);
                    }
                    const RevisionSet applied = m_graph.ancestors(known, EdgeKind::All);
                    Result<QList<int>> active = m_resolver.filterForLineage(applied.sorted(), *relative->branch);
                    if (!active)
                        return active.error();
                    QSet<int> below;
                    for (int revision : std::as_const(*active)) {
                        for (int predecessor : m_graph.predecessors(revision))
                            below.insert(predecessor);
                    }
                    for (int revision : std::as_const(*active)) {
                        if (!below.contains(revision))
                            start.append(revision);
                    }
                    if (start.isEmpty())
                        start = { TargetResolver::None };
                }
            } else if (current.tokens.isEmpty()) {
                start = { TargetResolver::None };
            } else {
                if (current.tokens.size() > 1) {
                    return TargetResolver::revisionError(
                        tr("ambiguous upgrade from multiple current revisions (%1); name the branch, e.g. LABEL@+1")
                            .arg(current.tokens.join(QLatin1String(", "))));
                }
                Result<int> revision = m_resolver.revision(current.tokens.first());
                if (!revision)
                    return revision.error();
                start = { *revision };
            }
            if (start.size() > 1) {
                return TargetResolver::revisionError(tr("ambiguous upgrade from multiple current revisions (%1)")
                                                         .arg(idsOf(m_graph, start).join(QLatin1String(", "))));
            }
            Result<int> walked =
                m_resolver.walk(start.first(), relative->steps, relative->branch, assertRelativeLength);
            if (!walked)
                return walked.error();
            if (*walked == TargetResolver::None)
                return didNotProduce(relative->relative, relative->steps);
            return QList<int> { *walked };
        }
        Result<int> start = m_resolver.revision(*relative->symbol);
        if (!start)
            return start.error();
        Result<int> walked = m_resolver.walk(*start, relative->steps, relative->branch, assertRelativeLength);
        if (!walked)
            return walked.error();
        return QList<int> { *walked };
    }
    if (!relative->symbol)
        return didNotProduce(relative->relative, relative->steps);
    Result<int> start = m_resolver.revision(
        relative->branch ? *relative->branch + QLatin1Char('@') + *relative->symbol : *relative->symbol);
    if (!start)
        return start.error();
    Result<int> walked = m_resolver.walk(*start, relative->steps, std::nullopt, assertRelativeLength);
    if (!walked)
        return walked.error();
    return QList<int> { *walked };
}

Result<Planner::DowngradeTarget> Planner::parseDowngradeTarget(
    const Bound &current, const std::optional<QString> &target, bool assertRelativeLength) const
{
    if (!target)
        return DowngradeTarget {};
    if (const std::optional<RelativeTarget> relative = matchRelative(*target)) {
        std::optional<QString> branch = relative->branch;
        std::optional<QString> symbol = relative->symbol;
        if (relative->steps >= 0) {
            if (!symbol)
                return didNotProduce(relative->relative, relative->steps);
            Result<int> start = m_resolver.revision(*symbol);
            if (!start)
                return start.error();
            Result<int> walked = m_resolver.walk(*start, relative->steps, branch, assertRelativeLength);
            if (!walked)
                return walked.error();
            if (*walked == TargetResolver::None)
                return TargetResolver::revisionError(tr("walked too far"));
            return DowngradeTarget { branch, *walked };
        }
        const bool fromCurrent = !symbol;
        if (fromCurrent) {
            if (truthy(branch)) {
                Result<QList<int>> rowsGiven = revisionsOf(current);
                if (!rowsGiven)
                    return rowsGiven.error();
                Result<QList<int>> onBranch = m_resolver.filterForLineage(*rowsGiven, *branch);
                if (!onBranch)
                    return onBranch.error();
                QList<int> candidates = *onBranch;
                if (candidates.isEmpty()) {
                    // All other heads of the branch may depend on one head
                    // that is current: look among what is applied.
                    QList<int> known;
                    for (int revision : std::as_const(*rowsGiven)) {
                        if (revision >= 0)
                            known.append(revision);
                    }
                    Result<QList<int>> active = m_resolver.filterForLineage(currentRevisions(known), *branch);
                    if (!active)
                        return active.error();
                    candidates = *active;
                }
                if (candidates.size() != 1) {
                    return TargetResolver::revisionError(
                        tr("cannot tell where %1 starts: %n applied revision(s) on branch '%2' (%3)", nullptr,
                            int(candidates.size()))
                            .arg(*target, *branch, idsOf(m_graph, candidates).join(QLatin1String(", "))));
                }
                symbol = m_graph.revision(candidates.first()).id;
            } else {
                if (current.tokens.isEmpty())
                    return didNotProduce(relative->relative, relative->steps);
                QStringList distinct = current.tokens;
                distinct.removeDuplicates();
                if (distinct.size() > 1) {
                    // Alembic warns that this is ambiguous and reverts the
                    // branch of whichever row the database returned first.
                    distinct.sort();
                    Error error = TargetResolver::revisionError(
                        tr("%1 is ambiguous: the database is at several heads (%2); name the branch to step down, "
                           "e.g. %3@%1, or give a revision")
                            .arg(*target, distinct.join(QLatin1String(", ")), distinct.first()));
                    error.code = QStringLiteral("ambiguous-relative-downgrade");
                    return error;
                }
                symbol = current.tokens.first();
                branch = symbol;
            }
        }
        Result<int> start = m_resolver.revision(branch ? *branch + QLatin1Char('@') + *symbol : *symbol);
        if (!start)
            return start.error();
        Result<int> walked = m_resolver.walk(*start, relative->steps, std::nullopt, assertRelativeLength);
        if (!walked)
            return walked.error();
        if (*walked == TargetResolver::None) {
            if (fromCurrent)
                return didNotProduce(relative->relative, relative->steps);
            return TargetResolver::revisionError(tr("walked too far"));
        }
        return DowngradeTarget { branch, *walked };
    }
    // Absolute: BRANCH@REV splits at the last '@', and REV alone is resolved.
    const qsizetype at = target->lastIndexOf(QLatin1Char('@'));
    DowngradeTarget result;
    if (at > 0)
        result.branch = target->left(at);
    Result<int> revision = m_resolver.revision(at >= 0 ? target->mid(at + 1) : *target);
    if (!revision)
        return revision.error();
    result.revision = *revision;
    return result;
}

Result<Planner::Collected> Planner::collectUpgrade(
    const Bound &upper, Bound lower, bool inclusive, bool implicitBase, bool assertRelativeLength) const
{
    Result<QList<int>> parsed = parseUpgradeTarget(lower, upper, assertRelativeLength);
    if (!parsed)
        return parsed.error();
    QList<int> targets;
    for (int target : std::as_const(*parsed)) {
        if (target < 0) {
            return TargetResolver::revisionError(
                tr("the target %1 leads below the base").arg(upper.tokens.join(QLatin1String(", "))));
        }
        targets.append(target);
    }
    if (lower.isString && lower.string().contains(QLatin1Char('@'))) {
        // LABEL@... as the lower bound keeps only targets on that branch.
        QString branch = lower.string().left(lower.string().indexOf(QLatin1Char('@')));
        Result<int> branchRevision = m_resolver.revision(branch);
        if (!branchRevision)
            return branchRevision.error();
        if (*branchRevision >= 0 && m_graph.revision(*branchRevision).id == branch) {
            const QStringList &labels = m_graph.branchNames(*branchRevision);
            if (labels.size() != 1) {
                return TargetResolver::revisionError(tr(
                    "revision %1 is used as a branch name but carries %n branch label(s)", nullptr, int(labels.size()))
                                                         .arg(branch));
            }
            branch = labels.first();
        }
        QList<int> onBranch;
        for (int target : std::as_const(targets)) {
            if (m_graph.branchNames(target).contains(branch) && !onBranch.contains(target))
                onBranch.append(target);
        }
        targets = onBranch;
    }
    Result<RevisionSet> required = checkedWalk(targets, false, EdgeKind::All);
    if (!required)
        return required.error();

    Result<QList<int>> currentRevisions = revisionsOf(lower);
    if (!currentRevisions)
        return currentRevisions.error();
    if (!implicitBase) {
        for (int revision : std::as_const(*currentRevisions)) {
            if (revision != TargetResolver::None && !required->contains(revision)) {
                return rangeNotAncestor(
                    tr("requested range %1:%2 does not refer to ancestor/descendant revisions "
                       "along the same branch")
                        .arg(lower.tokens.join(QLatin1String(", ")), upper.tokens.join(QLatin1String(", "))));
            }
        }
    }
    if (!currentRevisions->isEmpty() && currentRevisions->first() == TargetResolver::None) {
        // A relative lower bound that walked off the graph ("-5" with three
        // revisions): Alembic reads it again as a downgrade target.
        Result<DowngradeTarget> reparsed = parseDowngradeTarget(
            upper, lower.isString ? std::optional<QString>(lower.string()) : std::nullopt, assertRelativeLength);
        if (!reparsed)
            return reparsed.error();
        if (reparsed->revision == TargetResolver::None)
            return TargetResolver::revisionError(tr("%1 does not name a revision").arg(lower.string()));
        if (reparsed->revision == TargetResolver::BaseMarker) {
            currentRevisions = QList<int>();
            lower = Bound::rows({});
        } else {
            currentRevisions = QList<int> { reparsed->revision };
            lower = Bound::text(m_graph.revision(reparsed->revision).id);
        }
    }
    Result<RevisionSet> current = checkedWalk(*currentRevisions, false, EdgeKind::All);
    if (!current)
        return current.error();

    Collected collected { RevisionSet(m_graph.size()), targets };
    for (int revision : required->members()) {
        if (!current->contains(revision))
            collected.revisions.insert(revision);
    }
    if (inclusive) {
        Result<QList<int>> lowerRevisions = revisionsOf(lower);
        if (!lowerRevisions)
            return lowerRevisions.error();
        for (int revision : std::as_const(*lowerRevisions)) {
            if (revision < 0)
                return TargetResolver::revisionError(tr("%1 is not a revision").arg(lower.string()));
            collected.revisions.insert(revision);
        }
    }
    if (!currentRevisions->isEmpty() && !implicitBase) {
        Result<RevisionSet> above = checkedWalk(*currentRevisions, true, EdgeKind::DownRevisions);
        if (!above)
            return above.error();
        RevisionSet kept(m_graph.size());
        for (int revision : collected.revisions.members()) {
            if (above->contains(revision))
                kept.insert(revision);
        }
        collected.revisions = kept;
    }
    return collected;
}

Result<Planner::Collected> Planner::collectDowngrade(const Bound &upper, const std::optional<QString> &lower,
    bool inclusive, bool implicitBase, bool assertRelativeLength) const
{
    Result<DowngradeTarget> parsed = parseDowngradeTarget(upper, lower, assertRelativeLength);
    if (!parsed)
        return parsed.error();
    int target = parsed->revision == TargetResolver::BaseMarker ? TargetResolver::None : parsed->revision;

    QList<int> roots;
    if (target == TargetResolver::None) {
        // Alembic takes the bases from its map's values, where a labelled
        // base appears once more per label; that only matters for the count
        // below.
        roots = m_graph.bases();
        for (int base : m_graph.bases()) {
            for (qsizetype i = 0; i < m_graph.revision(base).branchLabels.size(); ++i)
                roots.append(base);
        }
    } else if (inclusive)
        roots = { target };
    else
        roots = m_graph.children(target).toList();

    if (truthy(parsed->branch) && roots.size() > 1) {
        Result<int> branchRevision = m_resolver.resolveBranch(*parsed->branch);
        if (!branchRevision)
            return branchRevision.error();
        const RevisionSet onBranch = m_graph.ancestors({ *branchRevision }, EdgeKind::DownRevisions);
        QList<int> kept;
        for (int root : std::as_const(roots)) {
            if (onBranch.contains(root) && !kept.contains(root))
                kept.append(root);
        }
        roots = kept;
        if (roots.isEmpty())
            return TargetResolver::revisionError(tr("not a valid downgrade target from current heads"));
    }

    Result<QList<int>> heads = revisionsOf(upper);
    if (!heads)
        return heads.error();
    for (int head : std::as_const(*heads)) {
        if (head < 0)
            return TargetResolver::revisionError(
                tr("%1 is not a revision").arg(upper.tokens.join(QLatin1String(", "))));
    }
    const RevisionSet dropped = m_graph.descendants(roots, EdgeKind::All);
    const RevisionSet active = m_graph.ancestors(*heads, EdgeKind::All);
    Collected collected { RevisionSet(m_graph.size()), *heads };
    for (int revision : dropped.members()) {
        if (active.contains(revision))
            collected.revisions.insert(revision);
    }
    if (implicitBase) {
        const RevisionSet kept = m_graph.ancestors(roots, EdgeKind::All);
        for (int revision : active.members()) {
            if (!kept.contains(revision))
                collected.revisions.insert(revision);
        }
    }
    if (target != TargetResolver::None && collected.revisions.isEmpty() && !heads->contains(target)) {
        return rangeNotAncestor(tr("destination %1 is not a valid downgrade target from current head(s) (%2)")
                                    .arg(lower.value_or(QString()), idsOf(m_graph, *heads).join(QLatin1String(", "))));
    }
    return collected;
}

Result<QList<int>> Planner::order(const Collected &collected) const
{
    QList<int> ordered = alembicOrder(m_graph, collected.revisions, collected.heads);
    if (ordered.size() != collected.revisions.size()) {
        return TargetResolver::revisionError(
            tr("these revisions cannot be put in order from the given heads (Alembic fails here too)"));
    }
    return ordered;
}

Result<MigrationPlan> Planner::upgrade(const QStringList &currentRows, const QString &target) const
{
    return plan(Direction::Upgrade, currentRows, target);
}

Result<MigrationPlan> Planner::downgrade(const QStringList &currentRows, const QString &target) const
{
    return plan(Direction::Downgrade, currentRows, target);
}

Result<MigrationPlan> Planner::plan(Direction direction, const QStringList &currentRows, const QString &target) const
{
    Result<QList<int>> rows = rowRevisions(currentRows);
    if (!rows)
        return rows.error();
    QStringList sortedRows = currentRows;
    sortedRows.removeDuplicates();
    sortedRows.sort();
    // As `alembic upgrade` and `alembic downgrade` call iterate_revisions.
    const bool upgrading = direction == Direction::Upgrade;
    Result<Collected> collected = upgrading
        ? collectUpgrade(Bound::text(target), Bound::rows(sortedRows), false, true, true)
        : collectDowngrade(Bound::rows(sortedRows), target, false, false, true);
    if (!collected)
        return collected.error();
    Result<QList<int>> ordered = order(*collected);
    if (!ordered)
        return ordered.error();
    if (upgrading)
        std::reverse(ordered->begin(), ordered->end());

    MigrationPlan plan;
    plan.direction = direction;
    plan.versionRowsBefore = sortedRows;
    HeadTracker tracker(m_graph, *rows);
    for (int revision : std::as_const(*ordered)) {
        if (auto tracked = upgrading ? tracker.upgrade(revision) : tracker.downgrade(revision); !tracked)
            return tracked.error();
        plan.steps.append(PlanStep { revision, direction, tracker.rows() });
    }
    return plan;
}

Result<QList<int>> Planner::history(const Bound &base, const Bound &head) const
{
    const Bound lower = base.isEmpty() ? Bound::text(QStringLiteral("base")) : base;
    const Bound upper = head.isEmpty() ? Bound::text(QStringLiteral("heads")) : head;
    Result<Collected> collected = collectUpgrade(upper, lower, true, false, false);
    if (!collected)
        return collected.error();
    return order(*collected);
}

} // namespace Retort
