#include "sqleditor.h"

#include "graph/graphcolors.h"
#include "settings/appearance.h"
#include "syntaxlexer.h"
#include "syntaxrepository.h"

#include <QEvent>
#include <QKeyEvent>
#include <QKeySequence>
#include <QSet>
#include <Qsci/qscicommand.h>
#include <Qsci/qscicommandset.h>
#include <Qsci/qscistyle.h>

namespace Retort {

QString sqlLanguage(Dialect dialect)
{
    return dialect == Dialect::SQLite ? QStringLiteral("SQL") : QStringLiteral("SQL (PostgreSQL)");
}

namespace {

constexpr int kLineNumberMargin = 0;
constexpr int kFoldMargin = 2;

} // namespace

SqlEditor::SqlEditor(QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    m_lexer = new SyntaxLexer(this);
    setLexer(m_lexer);
    setReadOnly(true);
    setTabWidth(4);
    setIndentationsUseTabs(false);
    setAutoIndent(true);
    setCaretLineVisible(true);
    setMarginLineNumbers(kLineNumberMargin, true);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, kFoldMargin);
    setWrapMode(QsciScintilla::WrapNone);
    setScrollWidthTracking(true);
    setScrollWidth(1);
    SendScintilla(SCI_SETENDATLASTLINE, 0L);
    // Escape belongs to the dialog around the editor (Cancel): Scintilla's
    // binding would swallow it.
    standardCommands()->find(QsciCommand::Cancel)->setKey(0);
    m_markers[AddedLine] = markerDefine(QsciScintilla::Background);
    m_markers[RemovedLine] = markerDefine(QsciScintilla::Background);
    m_markers[ChangedLine] = markerDefine(QsciScintilla::Background);
    connect(this, &QsciScintilla::linesChanged, this, &SqlEditor::updateLineNumberWidth);
    // Lines a jump passed over (in a long plan) are highlighted as they come into view.
    connect(this, &QsciScintillaBase::SCN_UPDATEUI, this, [this](int) {
        const long firstVisible = SendScintilla(SCI_GETFIRSTVISIBLELINE);
        const int first = int(SendScintilla(SCI_DOCLINEFROMVISIBLE, static_cast<unsigned long>(firstVisible)));
        const int last = int(SendScintilla(
            SCI_DOCLINEFROMVISIBLE, static_cast<unsigned long>(firstVisible + SendScintilla(SCI_LINESONSCREEN))));
        m_lexer->highlightSkipped(first, last);
    });
    connect(&Appearance::instance(), &Appearance::changed, this, &SqlEditor::applyAppearance);
    applyAppearance();
    updateLineNumberWidth();
}

void SqlEditor::setLanguage(const QString &definitionName)
{
    if (definitionName != m_lexer->definitionName())
        m_lexer->setDefinitionName(definitionName);
}

void SqlEditor::keyPressEvent(QKeyEvent *event)
{
    // Escape belongs to the dialog around the editor (Cancel), unless a
    // completion list or a call tip is open: Scintilla would take it.
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier && !isListActive() &&
        !isCallTipActive()) {
        event->ignore();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void SqlEditor::releaseKeys(const QList<QKeySequence> &keys)
{
    QSet<int> taken;
    for (const QKeySequence &sequence : keys) {
        if (!sequence.isEmpty())
            taken.insert(sequence[0].toCombined());
    }
    for (QsciCommand *command : standardCommands()->commands()) {
        if (taken.contains(command->key()))
            command->setKey(0);
        if (taken.contains(command->alternateKey()))
            command->setAlternateKey(0);
    }
}

QString SqlEditor::language() const
{
    return m_lexer->definitionName();
}

int SqlEditor::styleAt(int position) const
{
    // Scintilla counts bytes: convert the UTF-16 position.
    const QByteArray prefix = text().left(position).toUtf8();
    auto *self = const_cast<SqlEditor *>(this);
    // Styles what is not styled yet, as painting would: from the first
    // line Scintilla no longer trusts.
    self->SendScintilla(SCI_COLOURISE, static_cast<unsigned long>(self->SendScintilla(SCI_GETENDSTYLED)), -1L);
    return int(self->SendScintilla(SCI_GETSTYLEAT, static_cast<unsigned long>(prefix.size())));
}

QString SqlEditor::marginTextAt(int line) const
{
    auto *self = const_cast<SqlEditor *>(this);
    const long length =
        self->SendScintilla(SCI_MARGINGETTEXT, static_cast<unsigned long>(line), static_cast<char *>(nullptr));
    if (length <= 0)
        return {};
    QByteArray bytes(length + 1, '\0');
    self->SendScintilla(SCI_MARGINGETTEXT, static_cast<unsigned long>(line), bytes.data());
    bytes.truncate(length);
    return QString::fromUtf8(bytes);
}

void SqlEditor::markLine(int line, LineMark mark)
{
    markerAdd(line, m_markers[mark]);
}

void SqlEditor::clearLineMarks()
{
    for (int marker : m_markers)
        markerDeleteAll(marker);
}

void SqlEditor::showLineMessage(int line, const QString &text, int hue)
{
    QPalette themed = palette();
    themed.setColor(QPalette::Base, paper());
    const QsciStyle style(-1, QStringLiteral("line message"), GraphColors::hue(hue, themed, true), paper(),
        Appearance::instance().editorFont());
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    annotate(line, text, style);
}

void SqlEditor::clearLineMessages()
{
    clearAnnotations();
}

QString SqlEditor::lineMessage(int line) const
{
    const long length =
        SendScintilla(SCI_ANNOTATIONGETTEXT, static_cast<unsigned long>(line), static_cast<void *>(nullptr));
    if (length <= 0)
        return {};
    QByteArray text(length + 1, '\0');
    SendScintilla(SCI_ANNOTATIONGETTEXT, static_cast<unsigned long>(line), static_cast<void *>(text.data()));
    text.truncate(length);
    return QString::fromUtf8(text);
}

void SqlEditor::changeEvent(QEvent *event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyAppearance();
}

void SqlEditor::applyAppearance()
{
    using KSyntaxHighlighting::Theme;
    const Appearance &appearance = Appearance::instance();
    const Theme theme = editorTheme(appearance.editorThemeName(), palette());
    const auto color = [&theme](Theme::EditorColorRole role) { return QColor::fromRgba(theme.editorColor(role)); };
    m_lexer->setSyntaxTheme(theme, appearance.editorFont());

    setPaper(color(Theme::BackgroundColor));
    setColor(QColor::fromRgba(theme.textColor(Theme::Normal)));
    setCaretForegroundColor(QColor::fromRgba(theme.textColor(Theme::Normal)));
    setCaretLineBackgroundColor(color(Theme::CurrentLine));
    setSelectionBackgroundColor(color(Theme::TextSelection));
    resetSelectionForegroundColor(); // keep the highlighting inside a selection
    setMarginsBackgroundColor(color(Theme::IconBorder));
    setMarginsForegroundColor(color(Theme::LineNumbers));
    setMarginsFont(appearance.editorFont());
    setFoldMarginColors(color(Theme::IconBorder), color(Theme::IconBorder));
    setMatchedBraceBackgroundColor(color(Theme::BracketMatching));
    setIndentationGuidesForegroundColor(color(Theme::IndentationLine));
    setEdgeColor(color(Theme::Separator));
    // Diff lines: green and red washes that read on the theme's background.
    QPalette themed = palette();
    themed.setColor(QPalette::Base, color(Theme::BackgroundColor));
    setMarkerBackgroundColor(GraphColors::hue(GraphColors::AppliedHue, themed, false), m_markers[AddedLine]);
    setMarkerBackgroundColor(GraphColors::hue(0, themed, false), m_markers[RemovedLine]);
    setMarkerBackgroundColor(GraphColors::hue(GraphColors::WarningHue, themed, false), m_markers[ChangedLine]);
    updateLineNumberWidth();
}

void SqlEditor::setLineNumbersVisible(bool visible)
{
    m_lineNumbers = visible;
    setMarginLineNumbers(kLineNumberMargin, visible);
    updateLineNumberWidth();
}

void SqlEditor::updateLineNumberWidth()
{
    if (!m_lineNumbers) {
        setMarginWidth(kLineNumberMargin, 0);
        return;
    }
    const QString widest = QString(QString::number(std::max(lines(), 99)).size() + 1, QLatin1Char('9'));
    setMarginWidth(kLineNumberMargin, widest);
}

} // namespace Retort
