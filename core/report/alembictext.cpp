#include "alembictext.h"

#include <QRegularExpression>

namespace Retort {

namespace {

QString commaJoined(const QStringList &items)
{
    return items.join(QLatin1String(", "));
}

// Python's str.splitlines(): every line break Python knows, no empty last
// line, nothing at all for an empty text.
QStringList pythonSplitLines(const QString &text)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        const bool isBreak = c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f' || (c >= 0x1c && c <= 0x1e) ||
            c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!isBreak)
            continue;
        lines.append(text.sliced(start, i - start));
        if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
            ++i;
        start = i + 1;
    }
    if (start < text.size())
        lines.append(text.sliced(start));
    return lines;
}

} // namespace

QString AlembicText::downRevisionText(int index) const
{
    const Revision &revision = m_graph.revision(index);
    if (revision.downRevisions.isEmpty())
        return QStringLiteral("<base>");
    return commaJoined(revision.downRevisions);
}

QString AlembicText::doc(int index) const
{
    const QString text = m_graph.revision(index).longMessage();
    const qsizetype paragraphEnd = text.indexOf(QLatin1String("\n\n"));
    return paragraphEnd < 0 ? text : text.left(paragraphEnd);
}

QString AlembicText::headOnly(int index, const AlembicTextOptions &options) const
{
    const Revision &revision = m_graph.revision(index);
    QString text = revision.id;
    if (options.includeParents) {
        if (!revision.dependsOn.isEmpty())
            text = downRevisionText(index) + QLatin1String(" (") + commaJoined(revision.dependsOn) +
                QLatin1String(") -> ") + text;
        else
            text = downRevisionText(index) + QLatin1String(" -> ") + text;
    }
    const QStringList &branches = m_graph.branchNames(index);
    if (options.includeBranches && !branches.isEmpty())
        text += QLatin1String(" (") + commaJoined(branches) + QLatin1Char(')');
    if (options.headIndicators || options.treeIndicators) {
        const bool realHead = m_graph.isHead(index) && m_graph.dependents(index).isEmpty();
        if (realHead)
            text += QLatin1String(" (head)");
        if (m_graph.isHead(index) && !realHead)
            text += QLatin1String(" (effective head)");
        if (options.current)
            text += QLatin1String(" (current)");
    }
    if (options.treeIndicators) {
        if (m_graph.isBranchPoint(index))
            text += QLatin1String(" (branchpoint)");
        if (m_graph.isMergePoint(index))
            text += QLatin1String(" (mergepoint)");
    }
    if (options.includeDoc)
        text += QLatin1String(", ") + doc(index);
    return text;
}

QString AlembicText::logEntry(int index, bool current) const
{
    const Revision &revision = m_graph.revision(index);
    QString entry = QLatin1String("Rev: ") + revision.id;
    if (m_graph.isHead(index))
        entry += QLatin1String(" (head)");
    if (m_graph.isBranchPoint(index))
        entry += QLatin1String(" (branchpoint)");
    if (m_graph.isMergePoint(index))
        entry += QLatin1String(" (mergepoint)");
    if (current)
        entry += QLatin1String(" (current)");
    entry += QLatin1Char('\n');
    entry += (m_graph.isMergePoint(index) ? QLatin1String("Merges: ") : QLatin1String("Parent: ")) +
        downRevisionText(index) + QLatin1Char('\n');
    if (!revision.dependsOn.isEmpty())
        entry += QLatin1String("Also depends on: ") + commaJoined(revision.dependsOn) + QLatin1Char('\n');
    if (m_graph.isBranchPoint(index)) {
        QStringList children;
        for (int child : m_graph.children(index))
            children.append(m_graph.revision(child).id);
        children.sort(); // Alembic prints a set here; sorted, the output is the same every time
        entry += QLatin1String("Branches into: ") + commaJoined(children) + QLatin1Char('\n');
    }
    const QStringList &branches = m_graph.branchNames(index);
    if (!branches.isEmpty())
        entry += QLatin1String("Branch names: ") + commaJoined(branches) + QLatin1Char('\n');
    entry += QLatin1String("Path: ") + revision.filePath() + QLatin1Char('\n');
    QStringList paragraphs;
    for (const QString &line : pythonSplitLines(revision.longMessage()))
        paragraphs.append(QLatin1String("    ") + line);
    entry += QLatin1Char('\n') + paragraphs.join(QLatin1Char('\n')) + QLatin1Char('\n');
    return entry;
}

} // namespace Retort
