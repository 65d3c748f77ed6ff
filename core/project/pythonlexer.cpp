#include "pythonlexer.h"

#include <QCoreApplication>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::PythonLexer", text);
}

bool isIdentifierStart(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_';
    return c.isLetter() || (!c.isSpace() && !c.isPunct());
}

bool isIdentifierPart(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x80)
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || (u >= '0' && u <= '9');
    return isIdentifierStart(c) || c.isDigit();
}

bool isStringPrefix(QStringView prefix)
{
    // r, u, b, f and the two-letter combinations Python accepts, any case.
    if (prefix.size() > 2)
        return false;
    QString lower = prefix.toString().toLower();
    static const QStringList prefixes = { QString(), QStringLiteral("r"), QStringLiteral("u"), QStringLiteral("b"),
        QStringLiteral("f"), QStringLiteral("br"), QStringLiteral("rb"), QStringLiteral("fr"), QStringLiteral("rf") };
    return prefixes.contains(lower);
}

// The length of the operator at the start of `text`: Python's two- and
// three-character operators, else one character.
qsizetype operatorLength(QStringView text)
{
    const auto at = [&](qsizetype i) { return i < text.size() ? text.at(i).unicode() : u'\0'; };
    const char16_t first = at(0);
    const char16_t second = at(1);
    switch (first) {
    case '*':
    case '/':
    case '>':
    case '<':
        if (second == first)
            return at(2) == '=' ? 3 : 2; // ** **= // //= >> >>= << <<=
        return second == '=' ? 2 : 1;
    case '.':
        return second == '.' && at(2) == '.' ? 3 : 1;
    case '-':
        return second == '>' || second == '=' ? 2 : 1;
    case ':':
    case '=':
    case '!':
    case '+':
    case '%':
    case '&':
    case '|':
    case '^':
    case '@':
        return second == '=' ? 2 : 1;
    default:
        return 1;
    }
}

} // namespace

bool PythonLexer::fail(int line, const QString &message)
{
    m_error = message;
    m_errorLine = line;
    return false;
}

void PythonLexer::decodeEscapes(QStringView body, QString &out, bool *decodable) const
{
    if (!body.contains(QLatin1Char('\\'))) {
        out = body.toString();
        return;
    }
    out.reserve(body.size());
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= body.size()) {
            out.append(c);
            continue;
        }
        const QChar e = body.at(++i);
        switch (e.unicode()) {
        case '\n':
            break; // a backslash at the end of a line continues the string
        case '\r':
            if (i + 1 < body.size() && body.at(i + 1) == QLatin1Char('\n'))
                ++i;
            break;
        case '\\':
        case '\'':
        case '"':
            out.append(e);
            break;
        case 'a':
            out.append(QChar(0x07));
            break;
        case 'b':
            out.append(QChar(0x08));
            break;
        case 'f':
            out.append(QChar(0x0c));
            break;
        case 'n':
            out.append(QLatin1Char('\n'));
            break;
        case 'r':
            out.append(QLatin1Char('\r'));
            break;
        case 't':
            out.append(QLatin1Char('\t'));
            break;
        case 'v':
            out.append(QChar(0x0b));
            break;
        case 'x':
        case 'u':
        case 'U': {
            const int digits = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
            if (body.size() - (i + 1) < digits) {
                *decodable = false;
                return;
            }
            char32_t code = 0;
            for (int k = 1; k <= digits; ++k) {
                const char16_t h = body.at(i + k).unicode();
                int hex = -1;
                if (h >= '0' && h <= '9')
                    hex = h - '0';
                else if (h >= 'a' && h <= 'f')
                    hex = h - 'a' + 10;
                else if (h >= 'A' && h <= 'F')
                    hex = h - 'A' + 10;
                if (hex < 0) {
                    *decodable = false;
                    return;
                }
                code = code * 16 + char32_t(hex);
            }
            if (code > 0x10FFFF) {
                *decodable = false;
                return;
            }
            out.append(QString::fromUcs4(&code, 1));
            i += digits;
            break;
        }
        case 'N':
            // \N{NAME} needs Unicode's name table.
            *decodable = false;
            return;
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                uint code = e.unicode() - '0';
                for (int k = 0; k < 2 && i + 1 < body.size() && body.at(i + 1) >= QLatin1Char('0') &&
                     body.at(i + 1) <= QLatin1Char('7');
                     ++k)
                    code = code * 8 + (body.at(++i).unicode() - '0');
                out.append(QChar(char16_t(code)));
            } else {
                out.append(QLatin1Char('\\'));
                out.append(e);
            }
        }
    }
}

bool PythonLexer::lexString(qsizetype prefixStart, PythonToken *token)
{
    const QStringView prefix = m_source.sliced(prefixStart, m_pos - prefixStart);
    const QString lowerPrefix = prefix.toString().toLower();
    const bool raw = lowerPrefix.contains(QLatin1Char('r'));
    const bool bytes = lowerPrefix.contains(QLatin1Char('b'));
    const bool formatted = lowerPrefix.contains(QLatin1Char('f'));
    const QChar quote = m_source.at(m_pos);
    const bool triple =
        m_pos + 2 < m_source.size() && m_source.at(m_pos + 1) == quote && m_source.at(m_pos + 2) == quote;
    const int startLine = m_line;
    const qsizetype bodyStart = m_pos + (triple ? 3 : 1);
    qsizetype i = bodyStart;
    qsizetype bodyEnd = -1;
    while (i < m_source.size()) {
        const QChar c = m_source.at(i);
        if (c == QLatin1Char('\\')) {
            if (i + 1 < m_source.size() && m_source.at(i + 1) == QLatin1Char('\n'))
                ++m_line;
            i += 2;
            continue;
        }
        if (c == QLatin1Char('\n')) {
            if (!triple)
                return fail(startLine, tr("a string that is not closed on its line"));
            ++m_line;
        } else if (c == quote) {
            if (!triple) {
                bodyEnd = i;
                i += 1;
                break;
            }
            if (i + 2 < m_source.size() && m_source.at(i + 1) == quote && m_source.at(i + 2) == quote) {
                bodyEnd = i;
                i += 3;
                break;
            }
        }
        ++i;
    }
    if (bodyEnd < 0)
        return fail(
            startLine, triple ? tr("a triple-quoted string that is never closed") : tr("a string that is not closed"));
    m_pos = i;
    if (!token)
        return true;
    token->kind = PythonToken::String;
    token->text = m_source.sliced(prefixStart, i - prefixStart);
    token->line = startLine;
    const QStringView body = m_source.sliced(bodyStart, bodyEnd - bodyStart);
    token->hasValue = !bytes && !(formatted && (body.contains(QLatin1Char('{')) || body.contains(QLatin1Char('}'))));
    if (token->hasValue) {
        if (raw) {
            token->value = body.toString();
        } else {
            bool decodable = true;
            decodeEscapes(body, token->value, &decodable);
            token->hasValue = decodable;
        }
    }
    return true;
}

bool PythonLexer::next(PythonStatement &statement)
{
    // Indented lines (bodies) are lexed and dropped.
    bool moduleLevel = false;
    do {
        if (!nextLogicalLine(statement, &moduleLevel))
            return false;
    } while (!moduleLevel);
    return true;
}

bool PythonLexer::nextLogicalLine(PythonStatement &statement, bool *isModuleLevel)
{
    statement.tokens.clear();
    const qsizetype size = m_source.size();
    // Find the start of the next logical line: skip blank and comment lines.
    qsizetype lineStart = m_pos;
    while (m_pos < size) {
        const QChar c = m_source.at(m_pos);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\f') || c == QLatin1Char('\r')) {
            ++m_pos;
        } else if (c == QLatin1Char('#')) {
            while (m_pos < size && m_source.at(m_pos) != QLatin1Char('\n'))
                ++m_pos;
        } else if (c == QLatin1Char('\n')) {
            ++m_pos;
            ++m_line;
            lineStart = m_pos;
        } else if (c == QLatin1Char('\\') && m_pos + 1 < size && m_source.at(m_pos + 1) == QLatin1Char('\n')) {
            m_pos += 2;
            ++m_line;
        } else {
            break;
        }
    }
    if (m_pos >= size)
        return false;
    const bool moduleLevel = m_pos == lineStart;
    *isModuleLevel = moduleLevel;
    statement.line = m_line;
    int depth = 0;
    while (m_pos < size) {
        const QChar c = m_source.at(m_pos);
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\f') || c == QLatin1Char('\r')) {
            ++m_pos;
            continue;
        }
        if (c == QLatin1Char('#')) {
            while (m_pos < size && m_source.at(m_pos) != QLatin1Char('\n'))
                ++m_pos;
            continue;
        }
        if (c == QLatin1Char('\\')) {
            qsizetype after = m_pos + 1;
            if (after < size && m_source.at(after) == QLatin1Char('\r'))
                ++after;
            if (after < size && m_source.at(after) == QLatin1Char('\n')) {
                m_pos = after + 1;
                ++m_line;
                continue;
            }
            return fail(m_line, tr("a backslash outside a string that does not end the line"));
        }
        if (c == QLatin1Char('\n')) {
            ++m_pos;
            ++m_line;
            if (depth > 0)
                continue;
            break;
        }
        PythonToken token;
        token.line = m_line;
        const qsizetype start = m_pos;
        if (isIdentifierStart(c)) {
            while (m_pos < size && isIdentifierPart(m_source.at(m_pos)))
                ++m_pos;
            if (m_pos < size && (m_source.at(m_pos) == QLatin1Char('\'') || m_source.at(m_pos) == QLatin1Char('"')) &&
                isStringPrefix(m_source.sliced(start, m_pos - start))) {
                if (!lexString(start, moduleLevel ? &token : nullptr))
                    return false;
            } else {
                token.kind = PythonToken::Name;
                token.text = m_source.sliced(start, m_pos - start);
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            if (!lexString(start, moduleLevel ? &token : nullptr))
                return false;
        } else if (c.isDigit() || (c == QLatin1Char('.') && m_pos + 1 < size && m_source.at(m_pos + 1).isDigit())) {
            while (m_pos < size) {
                const QChar d = m_source.at(m_pos);
                if (d.isLetterOrNumber() || d == QLatin1Char('_') || d == QLatin1Char('.')) {
                    const bool exponent = (d == QLatin1Char('e') || d == QLatin1Char('E')) && m_pos + 1 < size &&
                        (m_source.at(m_pos + 1) == QLatin1Char('+') || m_source.at(m_pos + 1) == QLatin1Char('-'));
                    m_pos += exponent ? 2 : 1;
                } else {
                    break;
                }
            }
            token.kind = PythonToken::Number;
            token.text = m_source.sliced(start, m_pos - start);
        } else {
            const qsizetype length = operatorLength(m_source.sliced(m_pos));
            if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{'))
                ++depth;
            else if ((c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) && depth > 0)
                --depth;
            m_pos += length;
            token.kind = PythonToken::Operator;
            token.text = m_source.sliced(start, length);
        }
        if (moduleLevel)
            statement.tokens.append(token);
    }
    return true;
}

} // namespace Retort
