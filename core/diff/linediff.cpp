#include "linediff.h"

#include <QHash>

#include <algorithm>

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

QList<DiffLine> diffLines(const QStringList &before, const QStringList &after)
{
    // Lines compared as numbers: each distinct text gets one.
    QHash<QString, int> ids;
    const auto number = [&ids](const QStringList &lines) {
        QList<int> result;
        result.reserve(lines.size());
        for (const QString &line : lines) {
            auto it = ids.constFind(line);
            if (it == ids.cend())
                it = ids.insert(line, int(ids.size()));
            result.append(it.value());
        }
        return result;
    };
    const QList<int> a = number(before);
    const QList<int> b = number(after);
    const int n = int(a.size());
    const int m = int(b.size());
    const int max = n + m;

    // Myers' greedy forward search, keeping the frontier of every step so
    // the path can be walked back. V[k] is the furthest x on diagonal k.
    QList<QList<int>> trace;
    // Diagonals -max..max, and one either side for the k±1 look-ups
    // (with two empty inputs, d = 0 still reads v[offset + 1]).
    QList<int> v(2 * max + 3, 0);
    const int offset = max + 1;
    int steps = 0;
    for (int d = 0; d <= max; ++d) {
        trace.append(v);
        bool done = false;
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                done = true;
                break;
            }
        }
        if (done) {
            steps = d;
            break;
        }
    }

    QList<DiffLine> reversed;
    int x = n;
    int y = m;
    for (int d = steps; d >= 0; --d) {
        const QList<int> &frontier = trace.at(d);
        const int k = x - y;
        int previousK = k;
        if (d > 0) {
            previousK = (k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1])) ? k + 1 : k - 1;
        }
        const int previousX = d > 0 ? frontier[offset + previousK] : 0;
        const int previousY = previousX - previousK;
        while (x > previousX && y > previousY) {
            --x;
            --y;
            reversed.append({ DiffLine::Same, x, y, before.at(x) });
        }
        if (d == 0)
            break;
        if (x == previousX) {
            --y;
            reversed.append({ DiffLine::Added, -1, y, after.at(y) });
        } else {
            --x;
            reversed.append({ DiffLine::Removed, x, -1, before.at(x) });
        }
    }
    // Leading matches when d == 0 ended the walk above.
    while (x > 0 && y > 0) {
        --x;
        --y;
        reversed.append({ DiffLine::Same, x, y, before.at(x) });
    }
    std::reverse(reversed.begin(), reversed.end());

    // Within each changed block, removals first.
    QList<DiffLine> result;
    result.reserve(reversed.size());
    for (qsizetype i = 0; i < reversed.size();) {
        if (reversed.at(i).kind == DiffLine::Same) {
            result.append(reversed.at(i++));
            continue;
        }
        qsizetype end = i;
        while (end < reversed.size() && reversed.at(end).kind != DiffLine::Same)
            ++end;
        for (qsizetype j = i; j < end; ++j) {
            if (reversed.at(j).kind == DiffLine::Removed)
                result.append(reversed.at(j));
        }
        for (qsizetype j = i; j < end; ++j) {
            if (reversed.at(j).kind == DiffLine::Added)
                result.append(reversed.at(j));
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
