#include "downrevisionrewriter.h"

#include "nativerevisionparser.h"
#include "pythonlexer.h"
#include "util/textfile.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSaveFile>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::DownRevisionRewriter", text);
}

const QByteArray kByteOrderMark("\xEF\xBB\xBF");

Result<QString> rewriteNative(const QString &text, const QStringList &downRevisions, const QString &filePath)
{
    // "-- down_revision: a, b" in the header, before the first section.
    static const QRegularExpression line(QStringLiteral(R"(^(\s*--\s*down_revision\s*:)([ \t]*)(.*?)([ \t]*)$)"));
    static const QRegularExpression marker(QStringLiteral(R"(^\s*--\s*migrate:)"));
    qsizetype start = 0;
    int number = 0;
    while (start <= text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        ++number;
        qsizetype contentEnd = end;
        if (contentEnd > start && text.at(contentEnd - 1) == QLatin1Char('\r'))
            --contentEnd;
        const QString content = text.mid(start, contentEnd - start);
        if (marker.match(content).hasMatch())
            break;
        const QRegularExpressionMatch match = line.match(content);
        if (match.hasMatch()) {
            QString replaced = match.captured(1);
            if (!downRevisions.isEmpty()) {
                const QString space = match.captured(2).isEmpty() ? QStringLiteral(" ") : match.captured(2);
                replaced += space + downRevisions.join(QLatin1String(", ")) + match.captured(4);
            }
            return QString(text.left(start) + replaced + text.mid(contentEnd));
        }
        start = end + 1;
    }
    return Error::at(filePath, 0, tr("there is no \"-- down_revision:\" header line to rewrite"));
}

bool isOperator(const PythonToken &token, QLatin1StringView text)
{
    return token.kind == PythonToken::Operator && token.text == text;
}

Result<QString> rewriteAlembic(const QString &text, const QStringList &downRevisions, const QString &filePath)
{
    // The last module-level `down_revision = ...` (or `down_revision: T =
    // ...`) is the one Python, and so Alembic, goes by.
    PythonLexer lexer(text);
    PythonStatement statement;
    qsizetype valueStart = -1;
    qsizetype valueEnd = -1;
    QChar quote = QLatin1Char('\'');
    bool list = false;
    int assignmentLine = 0;
    QString problem;
    while (lexer.next(statement)) {
        const QList<PythonToken> &tokens = statement.tokens;
        if (tokens.size() < 3 || tokens.first().kind != PythonToken::Name ||
            tokens.first().text != QLatin1String("down_revision"))
            continue;
        // The '=' outside brackets: an annotation may hold brackets
        // (Union[str, Sequence[str], None]).
        qsizetype equals = -1;
        int depth = 0;
        for (qsizetype i = 1; i < tokens.size(); ++i) {
            const PythonToken &token = tokens.at(i);
            if (isOperator(token, QLatin1String("(")) || isOperator(token, QLatin1String("[")))
                ++depth;
            else if (isOperator(token, QLatin1String(")")) || isOperator(token, QLatin1String("]")))
                --depth;
            else if (depth == 0 && isOperator(token, QLatin1String("="))) {
                equals = i;
                break;
            }
        }
        if (equals < 0 || equals + 1 >= tokens.size())
            continue;
        assignmentLine = statement.line;
        problem.clear();
        valueStart = tokens.at(equals + 1).text.data() - text.constData();
        const PythonToken &last = tokens.last();
        valueEnd = last.text.data() + last.text.size() - text.constData();
        list = isOperator(tokens.at(equals + 1), QLatin1String("["));
        bool quoteSeen = false;
        // Only literals can be rewritten exactly: None, strings, and tuples
        // or lists of strings.
        for (qsizetype i = equals + 1; i < tokens.size(); ++i) {
            const PythonToken &token = tokens.at(i);
            const bool literal = (token.kind == PythonToken::String && token.hasValue) ||
                (token.kind == PythonToken::Name && token.text == QLatin1String("None")) ||
                (token.kind == PythonToken::Operator && token.text.size() == 1 &&
                    QStringLiteral("()[],").contains(token.text.at(0)));
            if (!literal) {
                problem = tr("down_revision = %1 is not a plain string, tuple or None; change it by hand")
                              .arg(text.mid(valueStart, valueEnd - valueStart).simplified());
                break;
            }
            if (token.kind == PythonToken::String && !quoteSeen) {
                for (QChar c : token.text) {
                    if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                        quote = c;
                        break;
                    }
                }
                quoteSeen = true;
            }
        }
    }
    if (!lexer.error().isEmpty())
        return Error::at(filePath, lexer.errorLine(), lexer.error());
    if (valueStart < 0)
        return Error::at(filePath, 0, tr("there is no module-level down_revision assignment to rewrite"));
    if (!problem.isEmpty())
        return Error::at(filePath, assignmentLine, problem);

    QString value;
    if (downRevisions.isEmpty()) {
        value = QStringLiteral("None");
    } else if (downRevisions.size() == 1) {
        value = quote + downRevisions.first() + quote;
    } else {
        QStringList quoted;
        for (const QString &id : downRevisions)
            quoted.append(quote + id + quote);
        value = (list ? QStringLiteral("[%1]") : QStringLiteral("(%1)")).arg(quoted.join(QLatin1String(", ")));
    }
    return QString(text.left(valueStart) + value + text.mid(valueEnd));
}

Result<Revision> parse(const QString &text, const DownRevisionChange &change, const AlembicRevisionParser::Names &names)
{
    if (change.format == RevisionFormat::Native)
        return NativeRevisionParser::parse(text, change.filePath);
    QList<Error> warnings;
    return AlembicRevisionParser::parse(text, change.filePath, names, &warnings);
}

} // namespace

Result<QString> DownRevisionRewriter::rewrite(
    const QString &text, RevisionFormat format, const QStringList &downRevisions, const QString &filePath)
{
    for (const QString &id : downRevisions) {
        if (!isValidRevisionId(id))
            return Error::at(filePath, 0, tr("\"%1\" cannot be a revision id").arg(id));
    }
    return format == RevisionFormat::Native ? rewriteNative(text, downRevisions, filePath)
                                            : rewriteAlembic(text, downRevisions, filePath);
}

Result<void> DownRevisionRewriter::apply(const DownRevisionChange &change, const AlembicRevisionParser::Names &names)
{
    Result<QByteArray> bytes = readFileBytes(change.filePath);
    if (!bytes)
        return bytes.error();
    const bool byteOrderMark = bytes->startsWith(kByteOrderMark);
    Result<QString> text = decodeUtf8(byteOrderMark ? bytes->mid(kByteOrderMark.size()) : *bytes, change.filePath);
    if (!text)
        return text.error();

    // The file must be what the graph was built from.
    Result<Revision> before = parse(*text, change, names);
    if (!before)
        return before.error();
    if (before->id != change.revisionId || before->downRevisions != change.from) {
        return Error::at(change.filePath, before->line,
            tr("the file changed since it was loaded (it now declares revision %1 after %2); reload and try again")
                .arg(before->id,
                    before->downRevisions.isEmpty() ? tr("nothing") : before->downRevisions.join(QLatin1String(", "))));
    }
    Result<QString> rewritten = rewrite(*text, change.format, change.to, change.filePath);
    if (!rewritten)
        return rewritten.error();
    Result<Revision> after = parse(*rewritten, change, names);
    if (!after)
        return after.error();
    if (after->id != change.revisionId || after->downRevisions != change.to) {
        return Error::at(change.filePath, after->line,
            tr("rewriting down_revision did not give the revision the intended parents; the file was left as it "
               "was"));
    }

    QSaveFile file(change.filePath);
    if (!file.open(QIODevice::WriteOnly))
        return Error::at(change.filePath, 0, tr("cannot write the file: %1").arg(file.errorString()));
    const QByteArray out = (byteOrderMark ? kByteOrderMark : QByteArray()) + rewritten->toUtf8();
    if (file.write(out) != out.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error::at(change.filePath, 0, tr("cannot write the file: %1").arg(reason));
    }
    if (!file.commit())
        return Error::at(change.filePath, 0, tr("cannot replace the file: %1").arg(file.errorString()));
    return {};
}

} // namespace Retort
