#include "syntaxlexer.h"

#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/FoldingRegion>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <QMetaEnum>
#include <QVarLengthArray>
#include <Qsci/qsciscintilla.h>

#include <algorithm>

namespace Retort {

namespace {

using KSyntaxHighlighting::Theme;

constexpr int kStyleCount = int(Theme::Others) + 1;

// UTF-8 byte offsets of every UTF-16 position of `text` (and of its end).
QVarLengthArray<int, 256> utf8Offsets(QStringView text)
{
    QVarLengthArray<int, 256> offsets(text.size() + 1);
    int bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        offsets[i] = bytes;
        const char16_t unit = text.at(i).unicode();
        if (QChar::isHighSurrogate(unit) && i + 1 < text.size() && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
            offsets[++i] = bytes; // the pair is one 4-byte character
            bytes += 4;
        } else if (unit < 0x80) {
            bytes += 1;
        } else if (unit < 0x800) {
            bytes += 2;
        } else {
            bytes += 3;
        }
    }
    offsets[text.size()] = bytes;
    return offsets;
}

// The native file's section markers ("-- migrate:upgrade") open a fold.
bool isSectionMarker(QStringView line)
{
    return line.trimmed().startsWith(u"-- migrate:");
}

} // namespace

SyntaxLexer::SyntaxLexer(QObject *parent)
    : QsciLexerCustom(parent)
{ }

SyntaxLexer::~SyntaxLexer() = default;

void SyntaxLexer::setDefinitionName(const QString &name)
{
    setDefinition(syntaxRepository().definitionForName(name));
    m_lines.clear();
    if (QsciScintilla *editor = this->editor())
        editor->SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
}

QString SyntaxLexer::definitionName() const
{
    return definition().name();
}

void SyntaxLexer::setSyntaxTheme(const KSyntaxHighlighting::Theme &theme, const QFont &font)
{
    m_theme = theme;
    m_font = font;
    setTheme(theme);
    const QColor paper = QColor::fromRgba(theme.editorColor(Theme::BackgroundColor));
    setDefaultPaper(paper);
    setDefaultColor(QColor::fromRgba(theme.textColor(Theme::Normal)));
    setDefaultFont(font);
    for (int style = 0; style < kStyleCount; ++style) {
        setColor(defaultColor(style), style);
        setPaper(defaultPaper(style), style);
        setFont(defaultFont(style), style);
    }
}

const char *SyntaxLexer::language() const
{
    return "KSyntaxHighlighting";
}

QString SyntaxLexer::description(int style) const
{
    if (style < 0 || style >= kStyleCount)
        return {};
    return QString::fromLatin1(QMetaEnum::fromType<Theme::TextStyle>().valueToKey(style));
}

QColor SyntaxLexer::defaultColor(int style) const
{
    if (!m_theme.isValid() || style < 0 || style >= kStyleCount)
        return QsciLexerCustom::defaultColor(style);
    return QColor::fromRgba(m_theme.textColor(Theme::TextStyle(style)));
}

QColor SyntaxLexer::defaultPaper(int style) const
{
    if (!m_theme.isValid())
        return QsciLexerCustom::defaultPaper(style);
    const QRgb background = style >= 0 && style < kStyleCount ? m_theme.backgroundColor(Theme::TextStyle(style)) : 0;
    return QColor::fromRgba(qAlpha(background) ? background : m_theme.editorColor(Theme::BackgroundColor));
}

QFont SyntaxLexer::defaultFont(int style) const
{
    QFont font = m_font;
    if (m_theme.isValid() && style >= 0 && style < kStyleCount) {
        font.setBold(m_theme.isBold(Theme::TextStyle(style)));
        font.setItalic(m_theme.isItalic(Theme::TextStyle(style)));
        font.setUnderline(m_theme.isUnderline(Theme::TextStyle(style)));
    }
    return font;
}

void SyntaxLexer::applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format)
{
    if (length > 0)
        m_spans.append({ offset, length, int(format.textStyle()) });
}

void SyntaxLexer::applyFolding(int, int, KSyntaxHighlighting::FoldingRegion region)
{
    if (region.type() == KSyntaxHighlighting::FoldingRegion::Begin) {
        ++m_foldDelta;
        ++m_foldOpenedHere;
    } else if (region.type() == KSyntaxHighlighting::FoldingRegion::End) {
        --m_foldDelta;
        m_foldOpenedHere = std::max(0, m_foldOpenedHere - 1);
    }
}

void SyntaxLexer::setHeadingLines(const QList<int> &lines)
{
    m_headings = lines;
    m_lines.clear();
}

int SyntaxLexer::headingAtOrBefore(int line) const
{
    const auto it = std::upper_bound(m_headings.cbegin(), m_headings.cend(), line);
    return it == m_headings.cbegin() ? -1 : *(it - 1);
}

bool SyntaxLexer::isKnown(int line) const
{
    return line < m_lines.size() && m_lines.at(line).known;
}

void SyntaxLexer::styleText(int start, int end)
{
    QsciScintilla *editor = this->editor();
    if (!editor)
        return;
    int firstLine = int(editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, start));
    const int lastLine = int(editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, std::max(start, end - 1)));
    // Resume from the last line whose end state is known: normally the line
    // just before `start`.
    firstLine = std::min(firstLine, int(m_lines.size()));
    m_lines.resize(firstLine);
    m_lastFirstLine = firstLine;
    m_lastLastLine = lastLine;
    // Scintilla asks for everything from the last styled line to the end
    // of the view: after a jump to the end of a plan of 10,000 steps, all of
    // it. Scripts restart at their heading, so the lines jumped over get
    // plain text now and are highlighted when they come into view.
    constexpr int kJumpLines = 400;
    const int skipTo = lastLine - firstLine > kJumpLines ? headingAtOrBefore(lastLine - kJumpLines / 2) : -1;
    if (skipTo > firstLine) {
        const int from = int(editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, firstLine));
        const int to = int(editor->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, skipTo));
        startStyling(from);
        setStyling(to - from, Theme::Normal);
        m_lines.resize(skipTo, LineEnd { {}, 0, false });
        firstLine = skipTo;
    }
    highlight(firstLine, lastLine);
}

void SyntaxLexer::highlightSkipped(int first, int last)
{
    if (m_headings.isEmpty())
        return;
    last = std::min(last, int(m_lines.size()) - 1);
    int line = first;
    while (line <= last && isKnown(line))
        ++line;
    if (line > last)
        return;
    // The whole script of the first line not highlighted, from its heading.
    const int heading = std::max(0, headingAtOrBefore(line));
    int end = line;
    while (end < last && !isKnown(end + 1))
        ++end;
    highlight(heading, end);
    highlightSkipped(end + 1, last);
}

void SyntaxLexer::highlight(int firstLine, int lastLine)
{
    QsciScintilla *editor = this->editor();
    const auto send = [editor](unsigned int message, unsigned long wParam = 0, long lParam = 0) {
        return int(editor->SendScintilla(message, wParam, lParam));
    };
    const bool headings = !m_headings.isEmpty();
    const bool atHeading = headings && headingAtOrBefore(firstLine) == firstLine;
    KSyntaxHighlighting::State state =
        firstLine > 0 && !atHeading ? m_lines.value(firstLine - 1).state : KSyntaxHighlighting::State();
    int depth = firstLine > 0 ? m_lines.value(firstLine - 1).foldDepth : 0;
    const bool indentationFolding = definition().isValid() && definition().indentationBasedFoldingEnabled();
    int previousCodeLine = -1; // for indentation folding: the last non-blank line above
    for (int line = firstLine - 1; indentationFolding && line >= 0 && previousCodeLine < 0; --line) {
        if (send(QsciScintillaBase::SCI_GETLINEENDPOSITION, line) >
            send(QsciScintillaBase::SCI_GETLINEINDENTPOSITION, line))
            previousCodeLine = line;
    }
    auto nextHeading = std::lower_bound(m_headings.cbegin(), m_headings.cend(), firstLine);

    startStyling(send(QsciScintillaBase::SCI_POSITIONFROMLINE, firstLine));
    QByteArray bytes;
    for (int line = firstLine; line <= lastLine; ++line) {
        const int length = send(QsciScintillaBase::SCI_LINELENGTH, line);
        bytes.resize(length + 1);
        editor->SendScintilla(QsciScintillaBase::SCI_GETLINE, line, bytes.data());
        bytes.truncate(length);
        QString text = QString::fromUtf8(bytes);
        const qsizetype contentLength = text.endsWith(QLatin1String("\r\n"))         ? text.size() - 2
            : (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r'))) ? text.size() - 1
                                                                                     : text.size();
        const QStringView content = QStringView(text).left(contentLength);

        const bool heading = nextHeading != m_headings.cend() && *nextHeading == line;
        if (heading) {
            ++nextHeading;
            state = KSyntaxHighlighting::State(); // a script of its own
        }
        m_spans.clear();
        m_foldDelta = 0;
        m_foldOpenedHere = 0;
        state = highlightLine(content, state);

        const QVarLengthArray<int, 256> offsets = utf8Offsets(content);
        int styled = 0; // bytes of this line styled so far
        for (const Span &span : std::as_const(m_spans)) {
            const int from = offsets[std::clamp<qsizetype>(span.offset, 0, content.size())];
            const int to = offsets[std::clamp<qsizetype>(span.offset + span.length, 0, content.size())];
            if (from > styled)
                setStyling(from - styled, Theme::Normal);
            if (to > std::max(from, styled))
                setStyling(to - std::max(from, styled), span.style);
            styled = std::max(styled, to);
        }
        if (length > styled)
            setStyling(length - styled, Theme::Normal);

        // Folding: the native file's sections, the definition's regions,
        // or indentation for languages that fold that way (Python).
        int level = QsciScintillaBase::SC_FOLDLEVELBASE;
        if (headings) {
            // One fold per script, headed by its heading.
            level = heading ? level | QsciScintillaBase::SC_FOLDLEVELHEADERFLAG
                            : level + (m_headings.first() < line ? 1 : 0);
        } else if (indentationFolding) {
            const bool blank = content.trimmed().isEmpty();
            const int indent = send(QsciScintillaBase::SCI_GETLINEINDENTATION, line);
            if (blank) {
                level = (previousCodeLine >= 0 ? (send(QsciScintillaBase::SCI_GETFOLDLEVEL, previousCodeLine) &
                                                     QsciScintillaBase::SC_FOLDLEVELNUMBERMASK)
                                               : QsciScintillaBase::SC_FOLDLEVELBASE) |
                    QsciScintillaBase::SC_FOLDLEVELWHITEFLAG;
            } else {
                level += indent;
                if (previousCodeLine >= 0) {
                    const int previous = send(QsciScintillaBase::SCI_GETFOLDLEVEL, previousCodeLine);
                    const int previousIndent = send(QsciScintillaBase::SCI_GETLINEINDENTATION, previousCodeLine);
                    const int header = indent > previousIndent ? QsciScintillaBase::SC_FOLDLEVELHEADERFLAG : 0;
                    send(QsciScintillaBase::SCI_SETFOLDLEVEL, previousCodeLine,
                        (previous & ~QsciScintillaBase::SC_FOLDLEVELHEADERFLAG) | header);
                }
                previousCodeLine = line;
            }
        } else if (isSectionMarker(content)) {
            depth = 1;
            level |= QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
        } else {
            level += depth;
            depth = std::max(0, depth + m_foldDelta);
            if (m_foldOpenedHere > 0)
                level |= QsciScintillaBase::SC_FOLDLEVELHEADERFLAG;
        }
        send(QsciScintillaBase::SCI_SETFOLDLEVEL, line, level);
        if (line < m_lines.size())
            m_lines[line] = { state, depth, true };
        else
            m_lines.append({ state, depth, true });
    }
}

} // namespace Retort
