#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

// One line of a line-by-line comparison of two texts.
struct DiffLine {
    enum Kind { Same, Removed, Added };
    Kind kind = Same;
    int oldLine = -1; // 0-based line in the old text; -1 for an added line
    int newLine = -1; // 0-based line in the new text; -1 for a removed line
    QString text;

    bool operator==(const DiffLine &) const = default;
};

// A row of a side-by-side view: the old line on the left, the new on the
// right; -1 leaves that side blank.
struct DiffRow {
    enum Kind { Same, Changed, Removed, Added };
    Kind kind = Same;
    int oldLine = -1;
    int newLine = -1;

    bool operator==(const DiffRow &) const = default;
};

// The shortest edit script between two lists of lines (Myers' algorithm):
// every line of both, in order, marked as kept, removed or added. Removals
// come before additions where both happen at one place, as `diff -u` shows
// them.
QList<DiffLine> diffLines(const QStringList &before, const QStringList &after);

// Pairs the removals and additions of each changed block line by line, for
// a side-by-side view.
QList<DiffRow> sideBySideRows(const QList<DiffLine> &diff);

// The lines of a text as the diff sees them: split on "\n", a final line
// break not making an extra empty line.
QStringList diffableLines(const QString &text);

} // namespace Retort
