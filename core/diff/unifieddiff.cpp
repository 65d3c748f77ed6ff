#include "unifieddiff.h"

#include "linediff.h"

namespace Retort {

QString unifiedDiff(
    const QString &before, const QString &after, const QString &beforeLabel, const QString &afterLabel, int context)
{
    const QList<DiffLine> lines = diffLines(diffableLines(before), diffableLines(after));
    QString out;
    qsizetype i = 0;
    while (i < lines.size()) {
        // The next change, and the hunk around it: changes closer than
        // twice the context share a hunk.
        qsizetype change = i;
        while (change < lines.size() && lines.at(change).kind == DiffLine::Same)
            ++change;
        if (change == lines.size())
            break;
        const qsizetype start = std::max<qsizetype>(i, change - context);
        qsizetype end = change;
        while (end < lines.size()) {
            qsizetype next = end;
            while (next < lines.size() && lines.at(next).kind != DiffLine::Same)
                ++next;
            qsizetype same = next;
            while (same < lines.size() && lines.at(same).kind == DiffLine::Same)
                ++same;
            if (same == lines.size() || same - next > 2 * context) {
                end = std::min(lines.size(), next + context);
                break;
            }
            end = same;
        }
        // Lines of each side before the hunk: where an empty side starts.
        int oldBefore = 0, newBefore = 0;
        for (qsizetype k = 0; k < start; ++k) {
            oldBefore += lines.at(k).kind != DiffLine::Added ? 1 : 0;
            newBefore += lines.at(k).kind != DiffLine::Removed ? 1 : 0;
        }
        int oldCount = 0, newCount = 0;
        QString body;
        for (qsizetype k = start; k < end; ++k) {
            const DiffLine &line = lines.at(k);
            oldCount += line.kind != DiffLine::Added ? 1 : 0;
            newCount += line.kind != DiffLine::Removed ? 1 : 0;
            body += QLatin1Char(line.kind == DiffLine::Same  ? ' '
                            : line.kind == DiffLine::Removed ? '-'
                                                             : '+') +
                line.text + QLatin1Char('\n');
        }
        if (out.isEmpty())
            out += QLatin1String("--- ") + beforeLabel + QLatin1String("\n+++ ") + afterLabel + QLatin1Char('\n');
        // As GNU diff: a side with lines starts at its first; an empty side
        // at the line before it.
        const auto range = [](int before, int count) {
            const int first = count ? before + 1 : before;
            return count == 1 ? QString::number(first) : QStringLiteral("%1,%2").arg(first).arg(count);
        };
        out += QLatin1String("@@ -") + range(oldBefore, oldCount) + QLatin1String(" +") + range(newBefore, newCount) +
            QLatin1String(" @@\n");
        out += body;
        i = end;
    }
    return out;
}

} // namespace Retort
