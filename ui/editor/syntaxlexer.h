#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QList>
#include <Qsci/qscilexercustom.h>

namespace Retort {

// A QScintilla lexer driven by a KSyntaxHighlighting definition, so the
// editor highlights SQL (PostgreSQL), SQL and Python like KDE's editors do.
//
// Scintilla asks for styling from the start of the first line it no longer
// trusts (the first edited line) to the end of what it shows; the lexer
// keeps the highlighter's State at the end of every line, so it resumes from
// the line before instead of from the top of the file. Each
// KSyntaxHighlighting text style is one Scintilla style (style number ==
// Theme::TextStyle), coloured from the theme.
//
// KSyntaxHighlighting counts UTF-16 code units, Scintilla counts UTF-8
// bytes: offsets are converted line by line.
class SyntaxLexer : public QsciLexerCustom, private KSyntaxHighlighting::AbstractHighlighter
{
    Q_OBJECT
    Q_INTERFACES(KSyntaxHighlighting::AbstractHighlighter)
public:
    explicit SyntaxLexer(QObject *parent = nullptr);
    ~SyntaxLexer() override;

    // "SQL (PostgreSQL)", "SQL", "Python"... An unknown name highlights
    // nothing.
    void setDefinitionName(const QString &name);
    QString definitionName() const;
    // Colours and font styles for every style; re-applied to the editor.
    void setSyntaxTheme(const KSyntaxHighlighting::Theme &theme, const QFont &font);

    const char *language() const override;
    QString description(int style) const override;
    void styleText(int start, int end) override;
    QColor defaultColor(int style) const override;
    QColor defaultPaper(int style) const override;
    QFont defaultFont(int style) const override;

    // A text made of independent scripts, each starting at one of these
    // lines (0-based, ascending), such as every step of a plan: each
    // heading folds its script, highlighting restarts at each heading, and
    // a jump far down highlights only what comes into view. Set before
    // the text; empty for an ordinary file.
    void setHeadingLines(const QList<int> &lines);
    // Highlights the lines from `first` to `last` that a jump passed over.
    void highlightSkipped(int first, int last);

    // The lines the last styleText() call highlighted, for tests: an edit
    // on line N must restart at N, not at 0.
    int lastFirstLine() const { return m_lastFirstLine; }
    int lastLastLine() const { return m_lastLastLine; }

private:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override;
    void applyFolding(int offset, int length, KSyntaxHighlighting::FoldingRegion region) override;

    struct Span {
        int offset;
        int length;
        int style;
    };
    struct LineEnd {
        KSyntaxHighlighting::State state;
        int foldDepth = 0; // open folding regions after the line
        bool known = true; // false: passed over by a jump, styled as plain text
    };
    void highlight(int firstLine, int lastLine);
    int headingAtOrBefore(int line) const;
    bool isKnown(int line) const;
    QList<LineEnd> m_lines; // for lines already styled, in order from line 0
    QList<Span> m_spans; // of the line being highlighted
    QList<int> m_headings;
    int m_foldDelta = 0; // of the line being highlighted
    int m_foldOpenedHere = 0;
    KSyntaxHighlighting::Theme m_theme;
    QFont m_font;
    int m_lastFirstLine = -1;
    int m_lastLastLine = -1;
};

} // namespace Retort
