#pragma once

#include "project/revision.h"

#include <Qsci/qsciscintilla.h>

namespace Retort {

class SyntaxLexer;

// The highlighting definition for SQL of `dialect`: "SQL (PostgreSQL)", or
// KF6's generic "SQL" for SQLite.
QString sqlLanguage(Dialect dialect);

// The editor for revision files and SQL: QScintilla with a
// KSyntaxHighlighting lexer, line numbers, folding, and the theme from the
// preferences (by default one that follows the palette, re-applied when the
// palette changes). Read-only unless told otherwise.
class SqlEditor : public QsciScintilla
{
    Q_OBJECT
public:
    explicit SqlEditor(QWidget *parent = nullptr);

    // A KSyntaxHighlighting definition name: "SQL (PostgreSQL)", "SQL",
    // "Python".
    void setLanguage(const QString &definitionName);
    QString language() const;
    SyntaxLexer *syntaxLexer() const { return m_lexer; }

    // The Scintilla style at a UTF-16 position of text(), for tests.
    int styleAt(int position) const;

    // The text of a line's text margin (diffs number their lines there).
    QString marginTextAt(int line) const;

    // Line numbers in the margin (on by default; diffs show their own).
    void setLineNumbersVisible(bool visible);

    // Marks whole lines with a background, for diffs.
    enum LineMark { AddedLine, RemovedLine, ChangedLine, LineMarkCount };
    void markLine(int line, LineMark mark);
    void clearLineMarks();

    // A message shown boxed under a line (0-based), e.g. the server's error
    // for the statement there, in a colour that reads on the theme.
    // `hue` as GraphColors::hue (0, red, for errors).
    void showLineMessage(int line, const QString &text, int hue = 0);
    void clearLineMessages();
    // The message under a line, as Scintilla holds it (QsciScintilla's
    // annotation() does not read it back correctly).
    QString lineMessage(int line) const;

    // Unbinds the editor's own commands from these keys: the window's
    // shortcuts win (QScintilla binds Ctrl+U to lowercase, Ctrl+D to
    // duplicate a line, Ctrl+L to cut one... and takes the key first).
    void releaseKeys(const QList<QKeySequence> &keys);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyAppearance();
    void updateLineNumberWidth();

    SyntaxLexer *m_lexer = nullptr;
    int m_markers[LineMarkCount] = {};
    bool m_lineNumbers = true;
};

} // namespace Retort
