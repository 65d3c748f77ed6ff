#pragma once

// Reading op.* calls from an Alembic revision's Python source without
// running it, shared by the risk analysis (alembicopsanalysis.cpp) and the
// SQL the linter reads (alembicopsql.cpp).

#include "project/revision.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Retort::AlembicCalls {

struct PyToken {
    enum Kind { Name, String, Number, Op, Newline };
    Kind kind = Op;
    QString text; // for strings: the value without quotes or prefix
    int line = 0;
    int indent = -1; // for the first token of a logical line: its column
};

// Tokens of Python source, enough for reading calls: names, string
// literals (prefixes, triple quotes, implicit concatenation left as two
// strings), numbers, operators; comments dropped; newlines inside brackets
// ignored, as Python's tokenizer does.
QList<PyToken> tokenize(const QString &source);

// One call's arguments: positional and keyword, each as its tokens.
struct Call {
    QString receiver; // "op" or a batch context's name
    QString method;
    QList<QList<PyToken>> positional;
    QHash<QString, QList<PyToken>> keywords;
    int line = 0;

    QString stringArgument(int index, const char *keyword) const;
    bool hasKeyword(const char *keyword) const { return keywords.contains(QLatin1String(keyword)); }
};

// Parses the argument list starting after '(' at `pos`; leaves `pos` after ')'.
Call parseArguments(const QList<PyToken> &tokens, qsizetype &pos);

// Calls `visit(call, batchTable, insideAutocommitBlock)` for every op.*
// call (and batch context call) in the module-level upgrade() or
// downgrade(), with whether it sits inside a `with
// ...autocommit_block():` block. True when the body opens an
// autocommit_block().
template<typename Visit>
bool forEachOperation(const QString &pythonSource, Direction direction, Visit visit)
{
    const QList<PyToken> tokens = tokenize(pythonSource);
    const QString function = direction == Direction::Upgrade ? QStringLiteral("upgrade") : QStringLiteral("downgrade");
    // Find the module-level "def upgrade(" and read its body: the logical
    // lines indented deeper than the def.
    qsizetype pos = 0;
    int defIndent = -1;
    for (; pos + 1 < tokens.size(); ++pos) {
        if (tokens.at(pos).kind == PyToken::Name && tokens.at(pos).text == QLatin1String("def") &&
            tokens.at(pos).indent == 0 && tokens.at(pos + 1).text == function) {
            defIndent = 0;
            break;
        }
    }
    if (defIndent < 0)
        return false;
    // Skip the signature to the end of the def line.
    while (pos < tokens.size() && tokens.at(pos).kind != PyToken::Newline)
        ++pos;
    QHash<QString, QString> batchTables; // context name -> table
    QList<int> autocommitIndents; // of the `with` lines whose blocks we are in
    int lineIndent = 0;
    bool autocommit = false;
    // "NAME.method(" at `at`: the receiver, the method and its arguments;
    // `after` is set past the closing parenthesis.
    const auto callAt = [&tokens](qsizetype at, qsizetype &after) -> std::optional<Call> {
        if (at + 3 >= tokens.size() || tokens.at(at).kind != PyToken::Name ||
            tokens.at(at + 1).text != QLatin1String(".") || tokens.at(at + 3).text != QLatin1String("("))
            return std::nullopt;
        after = at + 4;
        Call call = parseArguments(tokens, after);
        call.receiver = tokens.at(at).text;
        call.method = tokens.at(at + 2).text;
        call.line = tokens.at(at).line;
        return call;
    };
    for (; pos < tokens.size(); ++pos) {
        const PyToken &token = tokens.at(pos);
        if (token.indent >= 0) {
            if (token.indent <= defIndent)
                break; // the function has ended
            lineIndent = token.indent;
            while (!autocommitIndents.isEmpty() && lineIndent <= autocommitIndents.last())
                autocommitIndents.removeLast();
        }
        // with op.get_context().autocommit_block():
        if (token.kind == PyToken::Name && token.text == QLatin1String("autocommit_block")) {
            autocommitIndents.append(lineIndent);
            autocommit = true;
            continue;
        }
        const bool onOp = token.text == QLatin1String("op");
        if (!onOp && !batchTables.contains(token.text))
            continue;
        qsizetype after = pos;
        const std::optional<Call> call = callAt(pos, after);
        if (!call)
            continue;
        if (onOp && call->method == QLatin1String("batch_alter_table")) {
            // with op.batch_alter_table("t") as batch_op:
            if (after + 1 < tokens.size() && tokens.at(after).text == QLatin1String("as") &&
                tokens.at(after + 1).kind == PyToken::Name)
                batchTables.insert(tokens.at(after + 1).text, call->stringArgument(0, "table_name"));
        } else {
            visit(*call, onOp ? QString() : batchTables.value(token.text), !autocommitIndents.isEmpty());
        }
        pos = after - 1;
    }
    return autocommit;
}

} // namespace Retort::AlembicCalls
