#include "findingmarks.h"

#include "editor/sqleditor.h"
#include "lint/lintrules.h"

#include <QToolTip>

namespace Retort {

FindingMarks::FindingMarks(SqlEditor *editor)
    : QObject(editor)
    , m_editor(editor)
{
    const QColor colours[3] = { QColor(0x3d, 0x8b, 0xd9), QColor(0xd9, 0x8e, 0x04), QColor(0xd9, 0x30, 0x25) };
    for (int severity = 0; severity < 3; ++severity) {
        m_indicators[severity] = editor->indicatorDefine(QsciScintilla::SquiggleIndicator);
        editor->setIndicatorForegroundColor(colours[severity], m_indicators[severity]);
    }
    editor->SendScintilla(QsciScintillaBase::SCI_SETMOUSEDWELLTIME, 400L);
    connect(editor, &QsciScintillaBase::SCN_DWELLSTART, this, &FindingMarks::showTip);
    connect(editor, &QsciScintillaBase::SCN_DWELLEND, this, [] { QToolTip::hideText(); });
}

void FindingMarks::setFindings(const QList<LintFinding> &findings)
{
    for (int indicator : m_indicators)
        m_editor->clearIndicatorRange(
            0, 0, std::max(0, m_editor->lines() - 1), m_editor->lineLength(m_editor->lines() - 1), indicator);
    m_findings = findings;
    for (const LintFinding &finding : findings) {
        if (finding.line <= 0)
            continue;
        // A finding without a column range (an op.* call) marks its whole line.
        const int endLine = std::max(finding.line, finding.endLine) - 1;
        int endIndex = finding.endColumn0;
        if (finding.endLine <= finding.line && finding.endColumn0 <= finding.column0)
            endIndex = std::max(0, m_editor->lineLength(endLine));
        m_editor->fillIndicatorRange(
            finding.line - 1, finding.column0, endLine, endIndex, m_indicators[int(finding.severity)]);
    }
}

QList<LintFinding> FindingMarks::findingsAt(int line, int index) const
{
    QList<LintFinding> found;
    for (const LintFinding &finding : m_findings) {
        const int first = finding.line - 1;
        const int last = std::max(finding.line, finding.endLine) - 1;
        if (line < first || line > last)
            continue;
        if (line == first && index < finding.column0 && finding.endColumn0 > finding.column0)
            continue;
        if (line == last && finding.endLine > finding.line && index > finding.endColumn0)
            continue;
        found.append(finding);
    }
    return found;
}

bool FindingMarks::isMarked(int line, int index, LintSeverity severity) const
{
    const long position = m_editor->positionFromLineIndex(line, index);
    return m_editor->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT,
               static_cast<unsigned long>(m_indicators[int(severity)]), position) != 0;
}

void FindingMarks::showTip(int position, int x, int y)
{
    if (position < 0)
        return;
    int line = 0;
    int index = 0;
    m_editor->lineIndexFromPosition(position, &line, &index);
    QStringList parts;
    for (const LintFinding &finding : findingsAt(line, index)) {
        const LintRule *rule = findLintRule(finding.rule);
        QString part = QStringLiteral("<p><b>%1</b> [%2]<br>%3</p>")
                           .arg(lintSeverityName(finding.severity), finding.rule, finding.message.toHtmlEscaped());
        if (rule)
            part += QStringLiteral("<p>%1</p><pre>%2</pre>")
                        .arg(LintRule::text(rule->why).toHtmlEscaped(), LintRule::text(rule->safe).toHtmlEscaped());
        parts.append(part);
    }
    if (!parts.isEmpty())
        QToolTip::showText(
            m_editor->viewport()->mapToGlobal(QPoint(x, y)), parts.join(QLatin1String("<hr>")), m_editor);
}

} // namespace Retort
