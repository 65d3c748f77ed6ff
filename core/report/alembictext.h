#pragma once

#include "graph/revisiongraph.h"

#include <QSet>
#include <QString>

namespace Retort {

// Text for a revision in the forms Alembic's command line prints, so that
// Retort's output reads like the `alembic` output users know (see Alembic's
// Script._head_only and Script.log_entry).
struct AlembicTextOptions {
    bool includeBranches = false; // " (label, label)"
    bool includeDoc = false; // ", message"
    bool includeParents = false; // "parent -> rev"
    bool treeIndicators = true; // " (branchpoint)", " (mergepoint)"
    bool headIndicators = true; // " (head)", " (effective head)"
    bool current = false; // " (current)"
};

class AlembicText
{
public:
    explicit AlembicText(const RevisionGraph &graph)
        : m_graph(graph)
    { }

    // One line, e.g. "ae1027a6acf2 -> 1975ea83b712 (billing) (head), Add email".
    QString headOnly(int index, const AlembicTextOptions &options) const;
    // The multi-line --verbose entry ("Rev: ...", "Parent: ...", "Path: ...").
    QString logEntry(int index, bool current = false) const;
    // "<base>" or the parents joined with ", ".
    QString downRevisionText(int index) const;
    // The message's first paragraph, as Alembic's Script.doc.
    QString doc(int index) const;

private:
    const RevisionGraph &m_graph;
};

} // namespace Retort
