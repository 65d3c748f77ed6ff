#pragma once

#include "targetresolver.h"

namespace Retort {

// The version rows `alembic stamp TARGET...` leaves, computed as Alembic
// does (ScriptDirectory._stamp_revs, then HeadMaintainer.update_to_step with
// each StampStep): a target on the line of an applied head moves that head
// up or down to it, a target on no applied line becomes a new head, "base"
// removes the heads on the lines named, and --purge starts from an empty
// table. Nothing runs; only the rows change.
class StampPlanner
{
public:
    explicit StampPlanner(const RevisionGraph &graph)
        : m_graph(graph)
        , m_resolver(graph)
    { }

    // The rows after stamping `targets` (one or more targets; empty means
    // "base") onto `currentRows`; sorted.
    Result<QStringList> stamp(const QStringList &currentRows, const QStringList &targets, bool purge) const;

private:
    const RevisionGraph &m_graph;
    TargetResolver m_resolver;
};

} // namespace Retort
