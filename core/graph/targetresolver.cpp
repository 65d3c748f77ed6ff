#include "targetresolver.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::TargetResolver", text);
}

QString tr(const char *text, const char *disambiguation, int n)
{
    return QCoreApplication::translate("Retort::TargetResolver", text, disambiguation, n);
}

bool truthy(const std::optional<QString> &text)
{
    return text && !text->isEmpty();
}

} // namespace

std::optional<qint64> parsePythonInt(const QString &text)
{
    const QString trimmed = text.trimmed();
    qsizetype i = 0;
    bool negative = false;
    if (i < trimmed.size() && (trimmed.at(i) == QLatin1Char('+') || trimmed.at(i) == QLatin1Char('-'))) {
        negative = trimmed.at(i) == QLatin1Char('-');
        ++i;
    }
    if (i == trimmed.size())
        return std::nullopt;
    qint64 value = 0;
    bool lastWasDigit = false;
    for (; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        if (c == QLatin1Char('_') && lastWasDigit && i + 1 < trimmed.size()) {
            lastWasDigit = false;
            continue;
        }
        const int digit = c.digitValue();
        if (digit < 0)
            return std::nullopt;
        if (value > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
        lastWasDigit = true;
    }
    if (!lastWasDigit)
        return std::nullopt;
    return negative ? -value : value;
}

Error TargetResolver::resolutionError(const QString &message, const QString &target)
{
    Error error = Error::at({}, 0, message);
    error.code = TargetError::Resolution;
    error.revision = target;
    return error;
}

Error TargetResolver::revisionError(const QString &message)
{
    Error error = Error::at({}, 0, message);
    error.code = TargetError::Revision;
    return error;
}

int TargetResolver::lookup(const QString &key) const
{
    const int index = m_graph.indexOf(key);
    return index >= 0 ? index : m_graph.labelOwner(key);
}

QList<std::pair<QString, int>> TargetResolver::prefixMatches(const QString &prefix) const
{
    // Alembic's map holds the ids in load order, then the labels.
    QList<std::pair<QString, int>> matches;
    for (int i = 0; i < m_graph.size(); ++i) {
        const QString &id = m_graph.revision(i).id;
        if (id.size() > 3 && id.startsWith(prefix))
            matches.append({ id, i });
    }
    for (int i = 0; i < m_graph.size(); ++i) {
        for (const QString &label : m_graph.revision(i).branchLabels) {
            if (label.size() > 3 && label.startsWith(prefix))
                matches.append({ label, i });
        }
    }
    return matches;
}

Result<TargetResolver::Resolved> TargetResolver::resolveRevisionNumber(const std::optional<QString> &target) const
{
    Resolved resolved;
    std::optional<QString> id = target;
    if (target && target->contains(QLatin1Char('@'))) {
        const qsizetype at = target->indexOf(QLatin1Char('@'));
        resolved.branch = target->left(at);
        id = target->mid(at + 1);
    }
    if (id == QLatin1String("heads")) {
        if (truthy(resolved.branch)) {
            Result<QList<int>> heads = filterForLineage(m_graph.heads(), *resolved.branch);
            if (!heads)
                return heads.error();
            for (int head : *heads)
                resolved.ids.append(m_graph.revision(head).id);
        } else {
            for (int head : m_graph.realHeads())
                resolved.ids.append(m_graph.revision(head).id);
        }
    } else if (id == QLatin1String("head")) {
        Result<int> head = currentHead(resolved.branch.value_or(QString()));
        if (!head)
            return head.error();
        if (*head >= 0)
            resolved.ids.append(m_graph.revision(*head).id);
    } else if (!id || id == QLatin1String("base")) {
        // no ids
    } else {
        resolved.ids.append(*id);
    }
    return resolved;
}

Result<int> TargetResolver::currentHead(const QString &branch) const
{
    QList<int> heads = m_graph.heads();
    if (!branch.isEmpty()) {
        Result<QList<int>> filtered = filterForLineage(heads, branch);
        if (!filtered)
            return filtered.error();
        heads = *filtered;
    }
    if (heads.size() > 1) {
        QStringList ids;
        for (int head : std::as_const(heads))
            ids.append(m_graph.revision(head).id);
        const QString argument = branch.isEmpty() ? QStringLiteral("head") : branch + QLatin1String("@head");
        Error error = Error::at({}, 0,
            tr("multiple head revisions are present for given argument '%1' (%2); please specify a specific "
               "target revision, '<branchname>@%3' to narrow to a specific head, or 'heads' for all heads")
                .arg(argument, ids.join(QLatin1String(", ")), QStringLiteral("head")));
        error.code = TargetError::MultipleHeads;
        return error;
    }
    return heads.isEmpty() ? None : heads.first();
}

Result<int> TargetResolver::resolveBranch(const QString &branch) const
{
    const int exact = lookup(branch);
    if (exact >= 0)
        return exact;
    Result<int> revision = revisionForIdent(branch, std::nullopt);
    if (!revision) {
        if (revision.error().code == TargetError::Resolution)
            return resolutionError(tr("no such branch: '%1'").arg(branch), branch);
        return revision.error();
    }
    return *revision;
}

Result<int> TargetResolver::revisionForIdent(
    const std::optional<QString> &id, const std::optional<QString> &checkBranch) const
{
    int branchRevision = None;
    if (truthy(checkBranch)) {
        Result<int> branch = resolveBranch(*checkBranch);
        if (!branch)
            return branch.error();
        branchRevision = *branch;
    }
    int revision = None;
    if (id) {
        if (id->isEmpty())
            return revisionError(tr("an empty revision identifier"));
        revision = lookup(*id);
        if (revision < 0) {
            QList<std::pair<QString, int>> matches = prefixMatches(*id);
            if (branchRevision >= 0 && !matches.isEmpty()) {
                QList<int> indexes;
                for (const auto &match : std::as_const(matches))
                    indexes.append(match.second);
                Result<QList<int>> onBranch = filterForLineage(indexes, *checkBranch);
                if (!onBranch)
                    return onBranch.error();
                QList<std::pair<QString, int>> kept;
                for (const auto &match : std::as_const(matches)) {
                    if (onBranch->contains(match.second))
                        kept.append(match);
                }
                matches = kept;
            }
            if (matches.isEmpty()) {
                return resolutionError(id->size() < 4
                        ? tr("no such revision or branch '%1'; please ensure at least four characters are present "
                             "for partial revision identifier matches")
                              .arg(*id)
                        : tr("no such revision or branch '%1'").arg(*id),
                    *id);
            }
            if (matches.size() > 1) {
                QStringList candidates;
                for (const auto &match : std::as_const(matches))
                    candidates.append(match.first);
                return resolutionError(
                    tr("multiple revisions start with '%1': %2").arg(*id, candidates.join(QLatin1String(", "))), *id);
            }
            revision = matches.first().second;
        }
    }
    if (truthy(checkBranch) && revision >= 0) {
        if (!sharesLineage(revision, { branchRevision })) {
            return resolutionError(
                tr("revision %1 is not a member of branch '%2'").arg(m_graph.revision(revision).id, *checkBranch),
                id.value_or(QString()));
        }
    }
    return revision;
}

Result<QList<int>> TargetResolver::revisions(const QStringList &targets) const
{
    QList<int> result;
    for (const QString &target : targets) {
        Result<QList<int>> some = revisions(target);
        if (!some)
            return some.error();
        result += *some;
    }
    return result;
}

Result<QList<int>> TargetResolver::revisions(const QString &target) const
{
    Result<Resolved> resolved = resolveRevisionNumber(target);
    if (!resolved)
        return resolved.error();
    if (resolved->ids.size() == 1) {
        const std::optional<qint64> number = parsePythonInt(resolved->ids.first());
        if (number && *number < 0) {
            // "-N" and "LABEL@-N": N steps down from each (labelled) head.
            QList<int> result;
            for (int head : m_graph.realHeads()) {
                if (resolved->branch && !m_graph.branchNames(head).contains(*resolved->branch))
                    continue;
                Result<int> walked = walk(head, int(std::max<qint64>(*number, INT_MIN)));
                if (!walked)
                    return walked.error();
                result.append(*walked);
            }
            return result;
        }
    }
    QList<int> result;
    for (const QString &id : std::as_const(resolved->ids)) {
        Result<int> revision = revisionForIdent(id, resolved->branch);
        if (!revision)
            return revision.error();
        result.append(*revision);
    }
    return result;
}

Result<int> TargetResolver::revision(const QString &target) const
{
    Result<Resolved> resolved = resolveRevisionNumber(target);
    if (!resolved)
        return resolved.error();
    if (resolved->ids.size() > 1) {
        Error error = Error::at({}, 0,
            tr("multiple head revisions are present for given argument '%1' (%2); please specify a specific "
               "target revision")
                .arg(target, resolved->ids.join(QLatin1String(", "))));
        error.code = TargetError::MultipleHeads;
        return error;
    }
    return revisionForIdent(
        resolved->ids.isEmpty() ? std::nullopt : std::optional<QString>(resolved->ids.first()), resolved->branch);
}

Result<QList<int>> TargetResolver::filterForLineage(
    const QList<int> &targets, const QString &checkAgainst, bool includeDependencies) const
{
    Result<Resolved> resolved = resolveRevisionNumber(checkAgainst);
    if (!resolved)
        return resolved.error();
    QStringList shares;
    if (truthy(resolved->branch))
        shares.append(*resolved->branch);
    shares += resolved->ids;
    if (shares.isEmpty() || targets.isEmpty())
        return targets;
    QList<int> against;
    for (const QString &share : std::as_const(shares)) {
        Result<int> revision = revisionForIdent(share, std::nullopt);
        if (!revision)
            return revision.error();
        against.append(*revision);
    }
    QList<int> result;
    for (int target : targets) {
        if (sharesLineage(target, against, includeDependencies))
            result.append(target);
    }
    return result;
}

bool TargetResolver::sharesLineage(int revision, const QList<int> &others, bool includeDependencies) const
{
    if (others.isEmpty())
        return true;
    if (revision < 0)
        return false;
    const EdgeKind edges = includeDependencies ? EdgeKind::All : EdgeKind::DownRevisions;
    QList<int> wanted;
    for (int other : others) {
        if (other == revision)
            return true;
        if (other >= 0)
            wanted.append(other);
    }
    if (wanted.isEmpty())
        return false;
    const RevisionSet below = m_graph.ancestors({ revision }, edges);
    const RevisionSet above = m_graph.descendants({ revision }, edges);
    return std::any_of(
        wanted.cbegin(), wanted.cend(), [&](int other) { return below.contains(other) || above.contains(other); });
}

Result<int> TargetResolver::walk(int start, int steps, const std::optional<QString> &branch, bool noOverwalk) const
{
    int current = start;
    const int count = steps < 0 ? -steps : steps;
    for (int step = 0; step < count; ++step) {
        QList<int> next;
        if (steps > 0) {
            if (current == BaseMarker)
                return revisionError(tr("cannot walk up from below the base"));
            const QList<int> up = current == None ? m_graph.bases() : m_graph.children(current).toList();
            if (truthy(branch)) {
                Result<QList<int>> filtered = filterForLineage(up, *branch);
                if (!filtered)
                    return filtered.error();
                next = *filtered;
            } else {
                next = up;
            }
        } else if (current != BaseMarker) {
            next = current == None ? m_graph.heads() : m_graph.parents(current).toList();
            if (next.isEmpty())
                next.append(BaseMarker);
        }
        if (next.isEmpty())
            return noOverwalk ? None : current;
        if (next.size() > 1)
            return revisionError(tr("ambiguous walk: %n revision(s) to choose from", nullptr, int(next.size())));
        current = next.first();
    }
    return current;
}

} // namespace Retort
