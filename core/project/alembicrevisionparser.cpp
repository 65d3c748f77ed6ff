#include "alembicrevisionparser.h"

#include "nativerevisionparser.h"
#include "pythonlexer.h"
#include "util/datetime.h"
#include "util/textfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::AlembicRevisionParser", text);
}

// What a Python expression evaluates to, as far as Retort can tell.
struct Value {
    enum Kind { Unreadable, None, Str, Sequence, Other }; // Other: a number, True, False
    Kind kind = Unreadable;
    QString text; // Str
    QList<Value> items; // Sequence
    QString reason; // Unreadable: why, for the warning

    static Value unreadable(const QString &why) { return { Unreadable, {}, {}, why }; }
    static Value string(const QString &value) { return { Str, value, {}, {} }; }
};

// The four variables Alembic reads, as last assigned at module level.
struct Assignment {
    Value value;
    int line = 0;
    QString expression; // the right-hand side as written
    bool assigned = false;
};

const QStringList &revisionVariables()
{
    static const QStringList names = { QStringLiteral("revision"), QStringLiteral("down_revision"),
        QStringLiteral("branch_labels"), QStringLiteral("depends_on") };
    return names;
}

bool isOperator(const PythonToken &token, QLatin1StringView text)
{
    return token.kind == PythonToken::Operator && token.text == text;
}

bool isName(const PythonToken &token, QLatin1StringView text)
{
    return token.kind == PythonToken::Name && token.text == text;
}

class ModuleReader
{
public:
    ModuleReader(const QString &path, const AlembicRevisionParser::Names &names)
        : m_path(path)
        , m_names(names)
    { }

    void statement(const PythonStatement &statement, bool first);

    QHash<QString, Assignment> assignments;
    QString docstring;
    bool hasDocstring = false;
    QString laterString; // the first string statement after the imports
    bool hasLaterString = false;

private:
    void matchBrackets(const QList<PythonToken> &tokens);
    Value evaluate(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end) const;
    Value atom(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end) const;
    Value lookup(const QString &dotted) const;
    QList<std::pair<qsizetype, qsizetype>> split(
        const QList<PythonToken> &tokens, qsizetype begin, qsizetype end, QLatin1StringView separator) const;
    void bind(const QString &name, const Value &value, int line, const QString &expression);
    static QString source(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end);

    QString m_path;
    const AlembicRevisionParser::Names &m_names;
    QHash<QString, Value> m_bindings;
    QList<qsizetype> m_match; // index of the matching bracket, per token
};

QString ModuleReader::source(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end)
{
    if (begin >= end)
        return {};
    const QChar *first = tokens.at(begin).text.data();
    const QChar *last = tokens.at(end - 1).text.data() + tokens.at(end - 1).text.size();
    return QString(first, last - first).simplified();
}

void ModuleReader::matchBrackets(const QList<PythonToken> &tokens)
{
    m_match.fill(-1, tokens.size());
    QList<qsizetype> open;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const PythonToken &token = tokens.at(i);
        if (token.kind != PythonToken::Operator || token.text.size() != 1)
            continue;
        const QChar c = token.text.at(0);
        if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            open.append(i);
        } else if ((c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) && !open.isEmpty()) {
            const qsizetype opening = open.takeLast();
            m_match[opening] = i;
            m_match[i] = opening;
        }
    }
}

QList<std::pair<qsizetype, qsizetype>> ModuleReader::split(
    const QList<PythonToken> &tokens, qsizetype begin, qsizetype end, QLatin1StringView separator) const
{
    QList<std::pair<qsizetype, qsizetype>> parts;
    qsizetype start = begin;
    for (qsizetype i = begin; i < end; ++i) {
        if (m_match.at(i) > i) {
            i = m_match.at(i);
            continue;
        }
        if (isOperator(tokens.at(i), separator)) {
            parts.append({ start, i });
            start = i + 1;
        }
    }
    parts.append({ start, end });
    return parts;
}

Value ModuleReader::lookup(const QString &dotted) const
{
    const auto bound = m_bindings.constFind(dotted);
    if (bound != m_bindings.constEnd() && bound->kind != Value::Unreadable)
        return *bound;
    const auto configured = m_names.constFind(dotted.toLower());
    if (configured != m_names.constEnd()) {
        QStringList items;
        for (const QString &item : configured->split(QLatin1Char(','))) {
            if (!item.trimmed().isEmpty())
                items.append(item.trimmed());
        }
        if (items.size() == 1)
            return Value::string(items.first());
        Value sequence { Value::Sequence, {}, {}, {} };
        for (const QString &item : std::as_const(items))
            sequence.items.append(Value::string(item));
        return sequence;
    }
    if (bound != m_bindings.constEnd())
        return *bound;
    return Value::unreadable(tr("%1 is not assigned in this file").arg(dotted));
}

Value ModuleReader::atom(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end) const
{
    if (begin >= end)
        return Value::unreadable(tr("nothing is assigned"));
    const PythonToken &first = tokens.at(begin);
    if (first.kind == PythonToken::String) {
        // Adjacent literals are one string.
        QString text;
        for (qsizetype i = begin; i < end; ++i) {
            const PythonToken &token = tokens.at(i);
            if (token.kind != PythonToken::String)
                return Value::unreadable(tr("an expression"));
            if (!token.hasValue)
                return Value::unreadable(tr("a bytes or formatted string"));
            text += token.value;
        }
        return Value::string(text);
    }
    if (first.kind == PythonToken::Operator && (first.text == QLatin1String("(") || first.text == QLatin1String("["))) {
        if (m_match.at(begin) != end - 1)
            return Value::unreadable(tr("an expression"));
        if (end - begin == 2)
            return Value { Value::Sequence, {}, {}, {} };
        const bool tuple = first.text == QLatin1String("(");
        const qsizetype items = split(tokens, begin + 1, end - 1, QLatin1StringView(",")).size();
        const Value inner = evaluate(tokens, begin + 1, end - 1);
        if (inner.kind == Value::Unreadable || items > 1 || tuple)
            return inner; // (x) is x; (x,) and [x, y] are sequences already
        return Value { Value::Sequence, {}, { inner }, {} }; // [x]
    }
    if (end - begin == 1 &&
        (first.kind == PythonToken::Number || isName(first, QLatin1StringView("True")) ||
            isName(first, QLatin1StringView("False"))))
        return Value { Value::Other, {}, {}, {} };
    if (first.kind == PythonToken::Name) {
        if (end - begin == 1 && first.text == QLatin1String("None"))
            return Value { Value::None, {}, {}, {} };
        // NAME(.NAME)*
        QString dotted = first.text.toString();
        qsizetype i = begin + 1;
        while (i + 1 < end && isOperator(tokens.at(i), QLatin1StringView(".")) &&
            tokens.at(i + 1).kind == PythonToken::Name) {
            dotted += QLatin1Char('.') + tokens.at(i + 1).text.toString();
            i += 2;
        }
        if (i == end)
            return lookup(dotted);
    }
    return Value::unreadable(tr("an expression Retort does not evaluate"));
}

Value ModuleReader::evaluate(const QList<PythonToken> &tokens, qsizetype begin, qsizetype end) const
{
    const auto parts = split(tokens, begin, end, QLatin1StringView(","));
    if (parts.size() == 1)
        return atom(tokens, begin, end);
    Value sequence { Value::Sequence, {}, {}, {} };
    for (qsizetype k = 0; k < parts.size(); ++k) {
        const auto &[from, to] = parts.at(k);
        if (from == to && k == parts.size() - 1)
            break; // a trailing comma
        const Value item = atom(tokens, from, to);
        if (item.kind == Value::Unreadable)
            return item;
        sequence.items.append(item);
    }
    return sequence;
}

void ModuleReader::bind(const QString &name, const Value &value, int line, const QString &expression)
{
    m_bindings.insert(name, value);
    if (revisionVariables().contains(name))
        assignments.insert(name, Assignment { value, line, expression, true });
}

void ModuleReader::statement(const PythonStatement &statement, bool first)
{
    const QList<PythonToken> &tokens = statement.tokens;
    if (tokens.isEmpty())
        return;
    const PythonToken &head = tokens.first();
    if (std::all_of(
            tokens.cbegin(), tokens.cend(), [](const PythonToken &t) { return t.kind == PythonToken::String; })) {
        QString text;
        bool plain = true;
        for (const PythonToken &token : tokens) {
            plain = plain && token.hasValue;
            text += token.value;
        }
        if (!plain)
            return;
        if (first) {
            docstring = text;
            hasDocstring = true;
        } else if (!hasLaterString) {
            laterString = text;
            hasLaterString = true;
        }
        return;
    }
    if (head.kind == PythonToken::Name) {
        const QString keyword = head.text.toString();
        if (keyword == QLatin1String("import") || keyword == QLatin1String("from")) {
            // Names bound by imports are known only to Python.
            qsizetype begin = 1;
            if (keyword == QLatin1String("from")) {
                while (begin < tokens.size() && !isName(tokens.at(begin), QLatin1StringView("import")))
                    ++begin;
                ++begin;
            }
            QList<PythonToken> names;
            for (qsizetype i = begin; i < tokens.size(); ++i) {
                const PythonToken &token = tokens.at(i);
                if (isOperator(token, QLatin1StringView(",")) || token.kind == PythonToken::Name)
                    names.append(token);
            }
            // Each comma-separated part binds its `as` name, or its first name.
            QString bound;
            bool afterAs = false;
            const auto flush = [&](int line) {
                if (!bound.isEmpty())
                    bind(bound, Value::unreadable(tr("it is imported")), line, {});
                bound.clear();
                afterAs = false;
            };
            for (const PythonToken &token : std::as_const(names)) {
                if (token.kind == PythonToken::Operator) {
                    flush(token.line);
                } else if (token.text == QLatin1String("as")) {
                    afterAs = true;
                } else if (bound.isEmpty() || afterAs) {
                    bound = token.text.toString();
                }
            }
            flush(tokens.last().line);
            return;
        }
        if (keyword == QLatin1String("def") || keyword == QLatin1String("class") || keyword == QLatin1String("async")) {
            for (const PythonToken &token : tokens) {
                if (token.kind == PythonToken::Name && token.text != QLatin1String("def") &&
                    token.text != QLatin1String("class") && token.text != QLatin1String("async")) {
                    bind(token.text.toString(), Value::unreadable(tr("it is a function or class")), token.line, {});
                    break;
                }
            }
            return;
        }
    }

    matchBrackets(tokens);
    // Top-level '=' split the statement into targets and the value; an
    // augmented assignment (+= ...) changes its target in a way Retort
    // does not follow.
    QList<qsizetype> equals;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (m_match.at(i) > i) {
            i = m_match.at(i);
            continue;
        }
        const PythonToken &token = tokens.at(i);
        if (token.kind != PythonToken::Operator)
            continue;
        if (token.text == QLatin1String("=")) {
            equals.append(i);
        } else if (token.text.size() >= 2 && token.text.endsWith(QLatin1Char('=')) &&
            token.text != QLatin1String("==") && token.text != QLatin1String("!=") &&
            token.text != QLatin1String("<=") && token.text != QLatin1String(">=") && i == 1 &&
            head.kind == PythonToken::Name) {
            bind(head.text.toString(), Value::unreadable(tr("it is changed with %1").arg(token.text.toString())),
                head.line, source(tokens, 0, tokens.size()));
            return;
        }
    }
    if (equals.isEmpty())
        return;
    const qsizetype valueBegin = equals.last() + 1;
    const Value value = evaluate(tokens, valueBegin, tokens.size());
    const QString expression = source(tokens, valueBegin, tokens.size());
    qsizetype targetBegin = 0;
    for (qsizetype k = 0; k < equals.size(); ++k) {
        qsizetype targetEnd = equals.at(k);
        // NAME: ANNOTATION = VALUE
        if (k == 0) {
            for (qsizetype i = targetBegin; i < targetEnd; ++i) {
                if (m_match.at(i) > i) {
                    i = m_match.at(i);
                    continue;
                }
                if (isOperator(tokens.at(i), QLatin1StringView(":"))) {
                    targetEnd = i;
                    break;
                }
            }
        }
        const auto names = split(tokens, targetBegin, targetEnd, QLatin1StringView(","));
        if (names.size() == 1) {
            if (targetEnd - targetBegin == 1 && tokens.at(targetBegin).kind == PythonToken::Name)
                bind(tokens.at(targetBegin).text.toString(), value, tokens.at(targetBegin).line, expression);
        } else {
            // a, b = "x", "y"
            for (qsizetype n = 0; n < names.size(); ++n) {
                const auto &[from, to] = names.at(n);
                if (to - from != 1 || tokens.at(from).kind != PythonToken::Name)
                    continue;
                const bool matches = value.kind == Value::Sequence && value.items.size() == names.size();
                bind(tokens.at(from).text.toString(),
                    matches ? value.items.at(n) : Value::unreadable(tr("it is unpacked from %1").arg(expression)),
                    tokens.at(from).line, expression);
            }
        }
        targetBegin = equals.at(k) + 1;
    }
}

// PEP 263: a "coding" comment on line 1 or 2 names the file's encoding.
Result<QString> decodeSource(const QByteArray &bytes, const QString &path)
{
    static const QRegularExpression cookie(QStringLiteral(R"(^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+))"));
    qsizetype lineEnd = -1;
    for (int line = 0; line < 2; ++line) {
        const qsizetype start = lineEnd + 1;
        lineEnd = bytes.indexOf('\n', start);
        const QByteArray text = bytes.mid(start, lineEnd < 0 ? -1 : lineEnd - start);
        const QRegularExpressionMatch match = cookie.match(QString::fromLatin1(text));
        if (match.hasMatch()) {
            const QString encoding = match.captured(1).toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
            if (encoding == QLatin1String("utf-8") || encoding == QLatin1String("utf8") ||
                encoding.startsWith(QLatin1String("utf-8-")))
                break;
            static const QStringList latin1 = { QStringLiteral("latin-1"), QStringLiteral("latin1"),
                QStringLiteral("iso-8859-1"), QStringLiteral("iso8859-1"), QStringLiteral("l1") };
            if (latin1.contains(encoding))
                return QString::fromLatin1(bytes);
            return Error::at(path, line + 1,
                tr("the file declares the encoding %1, which Retort does not read; save it as UTF-8").arg(encoding));
        }
        if (lineEnd < 0)
            break;
    }
    return decodeUtf8(bytes, path);
}

QDateTime createDateFrom(const QString &docstring)
{
    // "Create Date: 2026-11-24 10:15:00.123456" on a line of its own.
    static const QLatin1StringView key("Create Date:");
    for (qsizetype at = docstring.indexOf(key); at >= 0; at = docstring.indexOf(key, at + 1)) {
        const qsizetype lineStart = docstring.lastIndexOf(QLatin1Char('\n'), at) + 1;
        if (!docstring.sliced(lineStart, at - lineStart).trimmed().isEmpty())
            continue;
        qsizetype lineEnd = docstring.indexOf(QLatin1Char('\n'), at);
        if (lineEnd < 0)
            lineEnd = docstring.size();
        const qsizetype valueStart = at + key.size();
        return parseRevisionDate(QStringView(docstring).sliced(valueStart, lineEnd - valueStart));
    }
    return {};
}

Result<QStringList> revisionList(const Assignment &assignment, const QString &variable, const QString &path)
{
    const Value &value = assignment.value;
    const auto notStrings = [&] {
        return Error::at(path, assignment.line,
            tr("%1 = %2 is not a revision id, a tuple or list of them, or None").arg(variable, assignment.expression));
    };
    switch (value.kind) {
    case Value::None:
        return QStringList();
    case Value::Str:
        return QStringList { value.text };
    case Value::Sequence: {
        QStringList items;
        for (const Value &item : value.items) {
            if (item.kind != Value::Str)
                return notStrings();
            items.append(item.text);
        }
        return items;
    }
    case Value::Unreadable:
    case Value::Other:
        break;
    }
    return notStrings();
}

} // namespace

Result<Revision> AlembicRevisionParser::parse(
    const QString &text, const QString &filePath, const Names &names, QList<Error> *warnings)
{
    QString source = text;
    if (source.contains(QLatin1Char('\r')))
        source.replace(QLatin1String("\r\n"), QLatin1String("\n")); // as Python reads source files

    ModuleReader reader(filePath, names);
    PythonLexer lexer(source);
    PythonStatement statement;
    bool first = true;
    while (lexer.next(statement)) {
        reader.statement(statement, first);
        first = false;
    }
    if (!lexer.error().isEmpty())
        return Error::at(filePath, lexer.errorLine(), tr("cannot read the file as Python: %1").arg(lexer.error()));

    Revision revision;
    revision.format = RevisionFormat::Alembic;
    revision.setFilePath(filePath);

    const Assignment revisionId = reader.assignments.value(QStringLiteral("revision"));
    const QString advice = tr("give its value in the [retort.names] section of alembic.ini or retort.ini");
    if (!revisionId.assigned) {
        // Alembic's legacy rule: a file named <hex id>.py is that revision.
        static const QRegularExpression legacy(QStringLiteral(R"(^([a-f0-9]+)\.py$)"));
        const QRegularExpressionMatch match = legacy.match(QFileInfo(filePath).fileName());
        if (!match.hasMatch())
            return Error::at(filePath, 1, tr("no module-level `revision = \"...\"`; every revision file needs its id"));
        revision.id = match.captured(1);
    } else if (revisionId.value.kind == Value::Unreadable) {
        return Error::at(filePath, revisionId.line,
            tr("revision = %1 cannot be read without running Python (%2); %3")
                .arg(revisionId.expression, revisionId.value.reason, advice));
    } else if (revisionId.value.kind != Value::Str || !isValidRevisionId(revisionId.value.text)) {
        return Error::at(filePath, revisionId.line,
            tr("revision = %1 is not a valid revision id (a non-empty string without spaces, commas, '@', '-', '+' "
               "or ':')")
                .arg(revisionId.expression));
    } else {
        revision.id = revisionId.value.text;
        revision.line = revisionId.line;
    }

    const Assignment down = reader.assignments.value(QStringLiteral("down_revision"));
    if (!down.assigned) {
        return Error::at(filePath, revision.line,
            tr("no module-level `down_revision = ...`; Alembic needs one (None for a base revision)"));
    }
    if (down.value.kind == Value::Unreadable) {
        return Error::at(filePath, down.line,
            tr("down_revision = %1 cannot be read without running Python (%2); %3")
                .arg(down.expression, down.value.reason, advice));
    }
    Result<QStringList> parents = revisionList(down, QStringLiteral("down_revision"), filePath);
    if (!parents)
        return parents.error();
    for (const QString &parent : std::as_const(*parents)) {
        if (!isValidRevisionId(parent))
            return Error::at(
                filePath, down.line, tr("down_revision names \"%1\", which is not a valid revision id").arg(parent));
        if (parent == revision.id)
            return Error::at(filePath, down.line, tr("the revision lists itself as its own down_revision"));
    }
    revision.downRevisions = *parents;

    for (const QString &variable : { QStringLiteral("branch_labels"), QStringLiteral("depends_on") }) {
        const Assignment assignment = reader.assignments.value(variable);
        if (!assignment.assigned)
            continue;
        QStringList values;
        if (assignment.value.kind == Value::Unreadable) {
            if (warnings) {
                warnings->append(Error::at(filePath, assignment.line,
                    tr("%1 = %2 cannot be read without running Python (%3); the revision is loaded without it — %4")
                        .arg(variable, assignment.expression, assignment.value.reason, advice)));
            }
        } else {
            Result<QStringList> list = revisionList(assignment, variable, filePath);
            if (!list)
                return list.error();
            values = *list;
        }
        if (variable == QLatin1String("branch_labels")) {
            revision.branchLabels = values;
        } else {
            if (values.contains(revision.id))
                return Error::at(filePath, assignment.line, tr("the revision depends on itself"));
            revision.dependsOn = values;
        }
    }

    const QString docstring = reader.hasDocstring ? reader.docstring : reader.laterString;
    const QString longMessage = docstring.trimmed();
    revision.message = longMessage.section(QLatin1Char('\n'), 0, 0).trimmed();
    revision.setLongMessage(longMessage);
    revision.createDate = createDateFrom(docstring);
    return revision;
}

Result<Revision> AlembicRevisionParser::parseFile(const QString &filePath, const Names &names, QList<Error> *warnings)
{
    Result<QByteArray> bytes = readFileBytes(filePath);
    if (!bytes)
        return bytes.error();
    Result<QString> text = decodeSource(*bytes, filePath);
    if (!text)
        return text.error();
    return parse(*text, filePath, names, warnings);
}

} // namespace Retort
