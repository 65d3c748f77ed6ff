#pragma once

#include "lint/lintfinding.h"

#include <QObject>

namespace Retort {

class SqlEditor;

// Lint findings drawn in an editor: each statement range a finding is about
// gets a squiggle (a QScintilla indicator, its colour by severity), and
// resting the mouse on it shows the finding and the rule's explanation.
class FindingMarks : public QObject
{
    Q_OBJECT
public:
    explicit FindingMarks(SqlEditor *editor);

    // Findings with 1-based file lines, as the editor shows the whole file.
    void setFindings(const QList<LintFinding> &findings);
    const QList<LintFinding> &findings() const { return m_findings; }
    // The findings whose range holds a 0-based line and index, for tests.
    QList<LintFinding> findingsAt(int line, int index) const;
    // Whether the squiggle of `severity` is drawn at a 0-based line and index.
    bool isMarked(int line, int index, LintSeverity severity) const;

private:
    void showTip(int position, int x, int y);

    SqlEditor *m_editor;
    int m_indicators[3] = {};
    QList<LintFinding> m_findings;
};

} // namespace Retort
