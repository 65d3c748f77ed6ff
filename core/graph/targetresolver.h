#pragma once

#include "revisiongraph.h"

#include <optional>

namespace Retort {

// Error codes (Error::code) of target resolution, after the exceptions
// Alembic raises (alembic/script/revision.py).
namespace TargetError {
inline const QString Resolution = QStringLiteral("resolution"); // unknown id or branch, ambiguous prefix
inline const QString MultipleHeads = QStringLiteral("multiple-heads"); // "head" with several heads
inline const QString RangeNotAncestor = QStringLiteral("range-not-ancestor"); // target not along the line
inline const QString Revision = QStringLiteral("revision"); // any other refusal (ambiguous walk, overlap...)
} // namespace TargetError

// Resolves revision targets as Alembic's RevisionMap does: "head", "heads",
// "base", ids and unique id prefixes (four characters or more), branch
// labels, "LABEL@head", "LABEL@base", "REV@+N", "-N" from the heads, and
// walks up and down the graph. A port of RevisionMap.get_revisions,
// get_revision, filter_for_lineage and _walk, with the same results and the
// same refusals; where Alembic's message is vague, Retort's says more (an
// ambiguous prefix lists every candidate).
//
// Revisions are graph indexes; two more values stand for what Alembic
// represents with None and the string "base".
class TargetResolver
{
public:
    static constexpr int None = -1; // Alembic's None: before every base ("base" as a target)
    static constexpr int BaseMarker = -2; // what a walk down past a base revision returns

    explicit TargetResolver(const RevisionGraph &graph)
        : m_graph(graph)
    { }

    const RevisionGraph &graph() const { return m_graph; }

    // RevisionMap.get_revisions: every revision `target` names (several for
    // "heads"; none for "base"). May hold None where a walk from the heads
    // ("-N") went past the bases.
    Result<QList<int>> revisions(const QString &target) const;
    // get_revisions of several targets, concatenated.
    Result<QList<int>> revisions(const QStringList &targets) const;
    // RevisionMap.get_revision: exactly one revision, None for "base"; a
    // target naming several (e.g. "head" with two heads) is refused with
    // TargetError::MultipleHeads.
    Result<int> revision(const QString &target) const;
    // RevisionMap.get_current_head: the one head on `branch`'s line (all
    // heads when `branch` is empty), None when there is none.
    Result<int> currentHead(const QString &branch = {}) const;

    // RevisionMap.filter_for_lineage: the targets that share a line of
    // history (one is an ancestor of the other) with `checkAgainst`.
    Result<QList<int>> filterForLineage(
        const QList<int> &targets, const QString &checkAgainst, bool includeDependencies = false) const;
    // Whether `revision` shares a line with any of `others`.
    bool sharesLineage(int revision, const QList<int> &others, bool includeDependencies = false) const;
    // RevisionMap._walk: `steps` up (> 0) or down (< 0) from `start` (a
    // revision, None or BaseMarker), staying on `branch`'s line when given.
    // Returns None when the walk leaves the graph and `noOverwalk` is set.
    Result<int> walk(
        int start, int steps, const std::optional<QString> &branch = std::nullopt, bool noOverwalk = true) const;
    // RevisionMap._resolve_branch: the revision a branch name stands for (a
    // label, an id or an id prefix).
    Result<int> resolveBranch(const QString &branch) const;

    // The revision `key` names exactly: an id or a declared branch label.
    int lookup(const QString &key) const;
    // Every id and label starting with `prefix` (only prefixes of four
    // characters or more match, as in Alembic), with the revision each names.
    QList<std::pair<QString, int>> prefixMatches(const QString &prefix) const;

    // "Can't locate"-style refusals.
    static Error resolutionError(const QString &message, const QString &target);
    static Error revisionError(const QString &message);

private:
    struct Resolved {
        QStringList ids; // empty for "base"
        std::optional<QString> branch; // the part before '@'
    };
    Result<Resolved> resolveRevisionNumber(const std::optional<QString> &target) const;
    Result<int> revisionForIdent(const std::optional<QString> &id, const std::optional<QString> &checkBranch) const;

    const RevisionGraph &m_graph;
};

// Python's int() for the strings Alembic feeds it ("-1", "+2", " 3 ").
std::optional<qint64> parsePythonInt(const QString &text);

} // namespace Retort
