#include "linediff.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace Retort {

QStringList diffableLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QString normalised = text;
    normalised.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    if (normalised.endsWith(QLatin1Char('\n')))
        normalised.chop(1);
    return normalised.split(QLatin1Char('\n'));
}

namespace {

// Myers' O(ND) difference algorithm in its linear-space form: find the
// middle snake of the shortest edit script by searching from both ends at
// once, then solve the two halves on either side of it. Memory stays
// proportional to the texts (the greedy form keeps a frontier per edit
// step, which is quadratic: 70,000 added lines took gigabytes).
class Differ
{
public:
    Differ(const QStringList &before, const QStringList &after, QList<DiffLine> &out)
        : m_before(before)
        , m_after(after)
        , m_out(out)
    {
        // Lines compared as numbers: each distinct text gets one.
        QHash<QString, int> ids;
        const auto number = [&ids](const QStringList &lines, std::vector<int> &into) {
            into.reserve(size_t(lines.size()));
            for (const QString &line : lines) {
                auto it = ids.constFind(line);
                if (it == ids.cend())
                    it = ids.insert(line, int(ids.size()));
                into.push_back(it.value());
            }
        };
        number(before, m_a);
        number(after, m_b);
    }

    void run() { compare(0, int(m_a.size()), 0, int(m_b.size())); }

private:
    void same(int x, int y) { m_out.append({ DiffLine::Same, x, y, m_before.at(x) }); }
    void removed(int x) { m_out.append({ DiffLine::Removed, x, -1, m_before.at(x) }); }
    void added(int y) { m_out.append({ DiffLine::Added, -1, y, m_after.at(y) }); }

    // a[aFrom, aTo) against b[bFrom, bTo), appended in order.
    void compare(int aFrom, int aTo, int bFrom, int bTo)
    {
        // Common prefix and suffix cost nothing to keep.
        while (aFrom < aTo && bFrom < bTo && m_a[size_t(aFrom)] == m_b[size_t(bFrom)])
            same(aFrom++, bFrom++);
        int suffix = 0;
        while (aFrom < aTo - suffix && bFrom < bTo - suffix &&
            m_a[size_t(aTo - 1 - suffix)] == m_b[size_t(bTo - 1 - suffix)])
            ++suffix;
        const int aEnd = aTo - suffix;
        const int bEnd = bTo - suffix;
        if (aFrom == aEnd) {
            for (int y = bFrom; y < bEnd; ++y)
                added(y);
        } else if (bFrom == bEnd) {
            for (int x = aFrom; x < aEnd; ++x)
                removed(x);
        } else {
            int x = 0;
            int y = 0;
            if (middleSnake(aFrom, aEnd, bFrom, bEnd, x, y)) {
                compare(aFrom, x, bFrom, y);
                compare(x, aEnd, y, bEnd);
            } else {
                for (int i = aFrom; i < aEnd; ++i)
                    removed(i);
                for (int i = bFrom; i < bEnd; ++i)
                    added(i);
            }
        }
        for (int i = 0; i < suffix; ++i)
            same(aEnd + i, bEnd + i);
    }

    // Where the forward and the backward searches meet, as a point (x, y)
    // that splits the problem in two; false when the ranges share nothing.
    bool middleSnake(int aFrom, int aTo, int bFrom, int bTo, int &splitX, int &splitY)
    {
        const int n = aTo - aFrom;
        const int m = bTo - bFrom;
        const int maxD = (n + m + 1) / 2;
        const int offset = maxD;
        const int length = 2 * maxD + 2;
        // forward[k]: furthest x on diagonal k from the start; backward[k]:
        // furthest distance from the end on diagonal k, counted backwards.
        std::vector<int> forward(size_t(length), -1);
        std::vector<int> backward(size_t(length), -1);
        forward[size_t(offset + 1)] = 0;
        backward[size_t(offset + 1)] = 0;
        const int delta = n - m;
        const bool odd = (delta % 2) != 0; // the forward search meets the backward one
        const auto a = [&](int i) { return m_a[size_t(aFrom + i)]; };
        const auto b = [&](int i) { return m_b[size_t(bFrom + i)]; };
        // Diagonals that ran off the edges are not searched again.
        int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        for (int d = 0; d < maxD; ++d) {
            for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const size_t k1offset = size_t(offset + k1);
                int x1 = (k1 == -d || (k1 != d && forward[k1offset - 1] < forward[k1offset + 1]))
                    ? forward[k1offset + 1]
                    : forward[k1offset - 1] + 1;
                int y1 = x1 - k1;
                while (x1 < n && y1 < m && a(x1) == b(y1)) {
                    ++x1;
                    ++y1;
                }
                forward[k1offset] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (odd) {
                    const int k2offset = offset + delta - k1;
                    if (k2offset >= 0 && k2offset < length && backward[size_t(k2offset)] != -1 &&
                        x1 >= n - backward[size_t(k2offset)]) {
                        splitX = aFrom + x1;
                        splitY = bFrom + y1;
                        return true;
                    }
                }
            }
            for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const size_t k2offset = size_t(offset + k2);
                int x2 = (k2 == -d || (k2 != d && backward[k2offset - 1] < backward[k2offset + 1]))
                    ? backward[k2offset + 1]
                    : backward[k2offset - 1] + 1;
                int y2 = x2 - k2;
                while (x2 < n && y2 < m && a(n - x2 - 1) == b(m - y2 - 1)) {
                    ++x2;
                    ++y2;
                }
                backward[k2offset] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!odd) {
                    const int k1offset = offset + delta - k2;
                    if (k1offset >= 0 && k1offset < length && forward[size_t(k1offset)] != -1) {
                        const int x1 = forward[size_t(k1offset)];
                        const int y1 = offset + x1 - k1offset;
                        if (x1 >= n - x2) {
                            splitX = aFrom + x1;
                            splitY = bFrom + y1;
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    const QStringList &m_before;
    const QStringList &m_after;
    QList<DiffLine> &m_out;
    std::vector<int> m_a;
    std::vector<int> m_b;
};

} // namespace

QList<DiffLine> diffLines(const QStringList &before, const QStringList &after)
{
    QList<DiffLine> ordered;
    ordered.reserve(std::max(before.size(), after.size()));
    Differ(before, after, ordered).run();

    // Within each changed block, removals first.
    QList<DiffLine> result;
    result.reserve(ordered.size());
    for (qsizetype i = 0; i < ordered.size();) {
        if (ordered.at(i).kind == DiffLine::Same) {
            result.append(ordered.at(i++));
            continue;
        }
        qsizetype end = i;
        while (end < ordered.size() && ordered.at(end).kind != DiffLine::Same)
            ++end;
        for (qsizetype j = i; j < end; ++j) {
            if (ordered.at(j).kind == DiffLine::Removed)
                result.append(ordered.at(j));
        }
        for (qsizetype j = i; j < end; ++j) {
            if (ordered.at(j).kind == DiffLine::Added)
                result.append(ordered.at(j));
        }
        i = end;
    }
    return result;
}

QList<DiffRow> sideBySideRows(const QList<DiffLine> &diff)
{
    QList<DiffRow> rows;
    for (qsizetype i = 0; i < diff.size();) {
        if (diff.at(i).kind == DiffLine::Same) {
            rows.append({ DiffRow::Same, diff.at(i).oldLine, diff.at(i).newLine });
            ++i;
            continue;
        }
        QList<int> removed;
        QList<int> added;
        while (i < diff.size() && diff.at(i).kind != DiffLine::Same) {
            if (diff.at(i).kind == DiffLine::Removed)
                removed.append(diff.at(i).oldLine);
            else
                added.append(diff.at(i).newLine);
            ++i;
        }
        const qsizetype paired = std::min(removed.size(), added.size());
        for (qsizetype j = 0; j < std::max(removed.size(), added.size()); ++j) {
            if (j < paired)
                rows.append({ DiffRow::Changed, removed.at(j), added.at(j) });
            else if (j < removed.size())
                rows.append({ DiffRow::Removed, removed.at(j), -1 });
            else
                rows.append({ DiffRow::Added, -1, added.at(j) });
        }
    }
    return rows;
}

} // namespace Retort
