#include "alembiccalls.h"

namespace Retort::AlembicCalls {

QList<PyToken> tokenize(const QString &source)
{
    QList<PyToken> tokens;
    int line = 1;
    int depth = 0;
    bool lineStart = true;
    int column = 0; // of the next character, counted only until a line's first token
    qsizetype i = 0;
    const qsizetype n = source.size();
    auto at = [&](qsizetype k) { return k < n ? source.at(k) : QChar(); };
    while (i < n) {
        const QChar c = source.at(i);
        if (c == QLatin1Char('\n')) {
            if (depth == 0 && !tokens.isEmpty() && tokens.last().kind != PyToken::Newline)
                tokens.append(PyToken { PyToken::Newline, QString(), line, -1 });
            ++line;
            ++i;
            lineStart = depth == 0;
            column = 0;
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\f')) {
            column += c == QLatin1Char('\t') ? 8 - column % 8 : 1;
            ++i;
            continue;
        }
        if (c == QLatin1Char('\\') && at(i + 1) == QLatin1Char('\n')) {
            i += 2;
            ++line;
            continue;
        }
        if (c == QLatin1Char('#')) {
            while (i < n && source.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        PyToken token;
        token.line = line;
        token.indent = lineStart ? column : -1;
        lineStart = false;
        // String prefixes: r, b, u, f and their combinations.
        qsizetype prefixEnd = i;
        while (prefixEnd < n && prefixEnd - i < 2 && QStringLiteral("rRbBuUfF").contains(source.at(prefixEnd)))
            ++prefixEnd;
        const QChar quote = at(prefixEnd);
        if (quote == QLatin1Char('\'') || quote == QLatin1Char('"')) {
            const bool raw = source.mid(i, prefixEnd - i).contains(QLatin1Char('r'), Qt::CaseInsensitive);
            const bool triple = at(prefixEnd + 1) == quote && at(prefixEnd + 2) == quote;
            const QString delimiter = triple ? QString(3, quote) : QString(quote);
            qsizetype k = prefixEnd + delimiter.size();
            QString value;
            while (k < n && source.mid(k, delimiter.size()) != delimiter) {
                if (source.at(k) == QLatin1Char('\\') && k + 1 < n) {
                    value += raw ? source.mid(k, 2) : QString(source.at(k + 1));
                    if (source.at(k + 1) == QLatin1Char('\n'))
                        ++line;
                    k += 2;
                    continue;
                }
                if (source.at(k) == QLatin1Char('\n')) {
                    if (!triple)
                        break; // unterminated: stop at the end of the line
                    ++line;
                }
                value += source.at(k++);
            }
            token.kind = PyToken::String;
            token.text = value;
            tokens.append(token);
            i = qMin(n, k + delimiter.size());
            continue;
        }
        if (c.isLetter() || c == QLatin1Char('_')) {
            qsizetype k = i;
            while (k < n && (source.at(k).isLetterOrNumber() || source.at(k) == QLatin1Char('_')))
                ++k;
            token.kind = PyToken::Name;
            token.text = source.mid(i, k - i);
            tokens.append(token);
            i = k;
            continue;
        }
        if (c.isDigit()) {
            qsizetype k = i;
            while (k < n && (source.at(k).isLetterOrNumber() || source.at(k) == QLatin1Char('.')))
                ++k;
            token.kind = PyToken::Number;
            token.text = source.mid(i, k - i);
            tokens.append(token);
            i = k;
            continue;
        }
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{'))
            ++depth;
        else if ((c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) && depth > 0)
            --depth;
        token.kind = PyToken::Op;
        token.text = QString(c);
        tokens.append(token);
        ++i;
    }
    return tokens;
}

QString Call::stringArgument(int index, const char *keyword) const
{
    const QList<PyToken> *tokens = nullptr;
    const auto named = keywords.constFind(QLatin1String(keyword));
    if (index >= 0 && index < positional.size())
        tokens = &positional.at(index);
    else if (named != keywords.constEnd())
        tokens = &*named;
    if (!tokens || tokens->isEmpty())
        return {};
    // Adjacent literals concatenate ("a" "b"); anything else is not static.
    QString value;
    for (const PyToken &token : *tokens) {
        if (token.kind != PyToken::String)
            return {};
        value += token.text;
    }
    return value;
}

Call parseArguments(const QList<PyToken> &tokens, qsizetype &pos)
{
    Call call;
    QList<PyToken> current;
    QString keyword;
    int depth = 0;
    auto flush = [&] {
        if (!keyword.isEmpty())
            call.keywords.insert(keyword, current);
        else if (!current.isEmpty())
            call.positional.append(current);
        current.clear();
        keyword.clear();
    };
    while (pos < tokens.size()) {
        const PyToken &token = tokens.at(pos++);
        if (token.kind == PyToken::Op &&
            (token.text == QLatin1String("(") || token.text == QLatin1String("[") ||
                token.text == QLatin1String("{"))) {
            ++depth;
        } else if (token.kind == PyToken::Op &&
            (token.text == QLatin1String(")") || token.text == QLatin1String("]") ||
                token.text == QLatin1String("}"))) {
            if (depth == 0) {
                flush();
                return call;
            }
            --depth;
        } else if (depth == 0 && token.kind == PyToken::Op && token.text == QLatin1String(",")) {
            flush();
            continue;
        } else if (depth == 0 && token.kind == PyToken::Name && current.isEmpty() && keyword.isEmpty() &&
            pos < tokens.size() && tokens.at(pos).kind == PyToken::Op && tokens.at(pos).text == QLatin1String("=") &&
            !(pos + 1 < tokens.size() && tokens.at(pos + 1).text == QLatin1String("="))) {
            keyword = token.text;
            ++pos; // '='
            continue;
        }
        current.append(token);
    }
    flush();
    return call;
}

} // namespace Retort::AlembicCalls
