#pragma once

#include "plan.h"
#include "targetresolver.h"

namespace Retort {

// Plans upgrades and downgrades as Alembic does: the same revisions, in the
// same order, from any set of applied heads (the rows of the version table)
// to any target Alembic accepts, and the same refusals. Each step carries
// the version rows Alembic's HeadMaintainer leaves after it.
//
// A port of RevisionMap._parse_upgrade_target, _parse_downgrade_target,
// _collect_upgrade_revisions, _collect_downgrade_revisions and
// iterate_revisions (alembic/script/revision.py), with one deliberate
// difference: a relative downgrade ("-1") from several applied heads is
// refused with a message naming them, where Alembic warns and picks one.
class Planner
{
public:
    explicit Planner(const RevisionGraph &graph)
        : m_graph(graph)
        , m_resolver(graph)
    { }

    const RevisionGraph &graph() const { return m_graph; }
    const TargetResolver &resolver() const { return m_resolver; }

    // `alembic upgrade TARGET` from a database holding `currentRows`.
    Result<MigrationPlan> upgrade(const QStringList &currentRows, const QString &target) const;
    // `alembic downgrade TARGET` from a database holding `currentRows`.
    Result<MigrationPlan> downgrade(const QStringList &currentRows, const QString &target) const;

    // One end of a range as Alembic receives it: a string the user typed,
    // or a tuple of ids (the version rows, for "current").
    struct Bound {
        QStringList tokens;
        bool isString = false;
        static Bound text(const QString &value) { return { { value }, true }; }
        static Bound rows(const QStringList &value) { return { value, false }; }
        QString string() const { return isString ? tokens.first() : QString(); }
        // Python's truthiness, for Alembic's `base or "base"`.
        bool isEmpty() const { return isString ? tokens.first().isEmpty() : tokens.isEmpty(); }
    };

    // The revisions `alembic history -r BASE:HEAD` lists, in its order
    // (newest first); empty bounds stand for "base" and "heads".
    Result<QList<int>> history(const Bound &base, const Bound &head) const;
    Result<QList<int>> history() const { return history(Bound::rows({}), Bound::rows({})); }

    // The version rows as revisions; an id that is not a revision of the
    // project is an error naming it.
    Result<QList<int>> rowRevisions(const QStringList &rows) const;
    // What `alembic current` shows for these rows: the applied revisions
    // that no other applied revision descends from through down_revision
    // (Alembic's get_all_current), in file order.
    QList<int> currentRevisions(const QList<int> &rows) const;

private:
    struct Collected {
        RevisionSet revisions;
        QList<int> heads;
    };
    struct DowngradeTarget {
        std::optional<QString> branch;
        int revision = TargetResolver::None;
    };

    Result<MigrationPlan> plan(Direction direction, const QStringList &currentRows, const QString &target) const;
    Result<QList<int>> revisionsOf(const Bound &bound) const;
    Result<QList<int>> parseUpgradeTarget(const Bound &current, const Bound &target, bool assertRelativeLength) const;
    Result<DowngradeTarget> parseDowngradeTarget(
        const Bound &current, const std::optional<QString> &target, bool assertRelativeLength) const;
    Result<Collected> collectUpgrade(
        const Bound &upper, Bound lower, bool inclusive, bool implicitBase, bool assertRelativeLength) const;
    Result<Collected> collectDowngrade(const Bound &upper, const std::optional<QString> &lower, bool inclusive,
        bool implicitBase, bool assertRelativeLength) const;
    Result<QList<int>> order(const Collected &collected) const;
    // _get_ancestor_nodes / _get_descendant_nodes with check=True: refuses
    // targets of which one lies on another's line.
    Result<RevisionSet> checkedWalk(const QList<int> &targets, bool upwards, EdgeKind edges) const;

    const RevisionGraph &m_graph;
    TargetResolver m_resolver;
};

} // namespace Retort
