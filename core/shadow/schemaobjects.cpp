#include "schemaobjects.h"

#include "sql/sqllexer.h"
#include "sql/statementsplitter.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace Retort {

namespace {

// A statement's tokens, and a cursor over them.
struct Tokens {
    QList<SqlToken> list;
    qsizetype at = 0;

    bool atWord(const char *word) const { return at < list.size() && list.at(at).isWord(word); }
    bool skipWord(const char *word)
    {
        if (!atWord(word))
            return false;
        ++at;
        return true;
    }
    // A possibly qualified name: schema.table, "Quoted".name.
    QString name()
    {
        QString result;
        while (at < list.size()) {
            const SqlToken &token = list.at(at);
            if (token.kind != SqlToken::Word && token.kind != SqlToken::QuotedIdentifier)
                break;
            result += token.text;
            ++at;
            if (at < list.size() && list.at(at).isPunctuation('.')) {
                result += QLatin1Char('.');
                ++at;
                continue;
            }
            break;
        }
        return result;
    }
    // Skips to just after the first word `word`; false when there is none.
    bool skipPast(const char *word)
    {
        while (at < list.size()) {
            if (list.at(at++).isWord(word))
                return true;
        }
        return false;
    }
};

Tokens tokensOf(const QString &text, Dialect dialect)
{
    Tokens tokens;
    SqlLexer lexer(text, dialect);
    SqlToken token;
    while (lexer.next(token))
        tokens.list.append(token);
    return tokens;
}

// The parts of a CREATE TABLE's parenthesised list, split at top-level commas.
QStringList tableElements(const QString &text, const Tokens &tokens)
{
    QStringList parts;
    int depth = 0;
    qsizetype partStart = -1;
    for (const SqlToken &token : tokens.list) {
        if (token.isPunctuation('(')) {
            if (depth++ == 0) {
                partStart = token.offset + 1;
                continue;
            }
        } else if (token.isPunctuation(')')) {
            if (--depth == 0) {
                parts.append(text.mid(partStart, token.offset - partStart).trimmed());
                break;
            }
        } else if (token.isPunctuation(',') && depth == 1) {
            parts.append(text.mid(partStart, token.offset - partStart).trimmed());
            partStart = token.offset + 1;
        }
    }
    parts.removeAll(QString());
    return parts;
}

void addTable(QList<SchemaObject> &objects, const QString &table, const QString &text, Dialect dialect)
{
    objects.append({ QStringLiteral("table"), {}, table, text });
    int unnamed = 0;
    for (const QString &element : tableElements(text, tokensOf(text, dialect))) {
        Tokens tokens = tokensOf(element, dialect);
        if (tokens.list.isEmpty())
            continue;
        if (tokens.skipWord("CONSTRAINT")) {
            objects.append({ QStringLiteral("constraint"), table, tokens.name(), element });
        } else if (tokens.atWord("PRIMARY") || tokens.atWord("UNIQUE") || tokens.atWord("FOREIGN") ||
            tokens.atWord("CHECK") || tokens.atWord("EXCLUDE")) {
            objects.append({ QStringLiteral("constraint"), table,
                tokens.list.first().text.toLower() + QString::number(++unnamed), element });
        } else {
            objects.append({ QStringLiteral("column"), table, tokens.list.first().text, element });
        }
    }
}

SchemaObject classify(const QString &text, Dialect dialect, QList<SchemaObject> &objects)
{
    Tokens tokens = tokensOf(text, dialect);
    const SchemaObject statement { QStringLiteral("statement"), {}, text.simplified().left(120), text };
    if (tokens.skipWord("COMMENT")) {
        const qsizetype is = text.indexOf(QLatin1String(" IS "));
        return { QStringLiteral("comment"), {}, text.left(is).simplified(), text };
    }
    if (tokens.skipWord("ALTER")) {
        if (!tokens.skipWord("TABLE"))
            return statement;
        tokens.skipWord("ONLY");
        if (tokens.skipWord("IF"))
            tokens.skipWord("EXISTS");
        const QString table = tokens.name();
        if (tokens.skipWord("ADD") && tokens.skipWord("CONSTRAINT"))
            return { QStringLiteral("constraint"), table, tokens.name(), text };
        return { QStringLiteral("statement"), table, text.simplified().left(120), text };
    }
    if (!tokens.skipWord("CREATE"))
        return statement;
    if (tokens.skipWord("OR"))
        tokens.skipWord("REPLACE");
    tokens.skipWord("UNIQUE");
    tokens.skipWord("UNLOGGED");
    tokens.skipWord("TEMPORARY");
    tokens.skipWord("MATERIALIZED");
    tokens.skipWord("CONSTRAINT");
    if (tokens.at >= tokens.list.size())
        return statement;
    const QString kind = tokens.list.at(tokens.at++).text.toLower();
    if (tokens.skipWord("IF")) {
        tokens.skipWord("NOT");
        tokens.skipWord("EXISTS");
    }
    tokens.skipWord("CONCURRENTLY");
    const QString name = tokens.name();
    if (kind == QLatin1String("table")) {
        addTable(objects, name, text, dialect);
        return {};
    }
    if (kind == QLatin1String("index") || kind == QLatin1String("trigger")) {
        Tokens rest = tokens;
        if (rest.skipPast("ON")) {
            rest.skipWord("ONLY");
            return { kind, rest.name(), name, text };
        }
    }
    static const QSet<QString> known = { QStringLiteral("view"), QStringLiteral("function"),
        QStringLiteral("procedure"), QStringLiteral("sequence"), QStringLiteral("type"), QStringLiteral("domain"),
        QStringLiteral("schema"), QStringLiteral("extension"), QStringLiteral("policy"), QStringLiteral("index"),
        QStringLiteral("trigger") };
    if (!known.contains(kind))
        return statement;
    return { kind, {}, name, text };
}

} // namespace

QList<SchemaObject> schemaObjects(const QString &schema, Dialect dialect)
{
    QList<SchemaObject> objects;
    Result<QList<SqlStatement>> statements = StatementSplitter::split(schema, dialect);
    if (!statements)
        return objects;
    for (const SqlStatement &statement : std::as_const(*statements)) {
        SchemaObject object = classify(statement.text.trimmed(), dialect, objects);
        if (!object.kind.isEmpty())
            objects.append(object);
    }
    return objects;
}

QString schemaActionName(SchemaObjectChange::Action action)
{
    switch (action) {
    case SchemaObjectChange::Action::Added:
        return QStringLiteral("added");
    case SchemaObjectChange::Action::Removed:
        return QStringLiteral("removed");
    case SchemaObjectChange::Action::Altered:
        break;
    }
    return QStringLiteral("altered");
}

QList<SchemaObjectChange> compareSchemaObjects(const QString &before, const QString &after, Dialect dialect)
{
    const QList<SchemaObject> from = schemaObjects(before, dialect);
    const QList<SchemaObject> to = schemaObjects(after, dialect);
    QHash<QString, SchemaObject> old;
    for (const SchemaObject &object : from)
        old.insert(object.key(), object);
    QSet<QString> addedTables;
    QSet<QString> removedTables;
    QList<SchemaObjectChange> changes;
    QSet<QString> seen;
    for (const SchemaObject &object : to) {
        seen.insert(object.key());
        const auto found = old.constFind(object.key());
        if (found == old.constEnd()) {
            if (object.kind == QLatin1String("table"))
                addedTables.insert(object.name);
            changes.append({ SchemaObjectChange::Action::Added, {}, object, -1 });
        } else if (found->text.simplified() != object.text.simplified()) {
            changes.append({ SchemaObjectChange::Action::Altered, *found, object, -1 });
        }
    }
    for (const SchemaObject &object : from) {
        if (seen.contains(object.key()))
            continue;
        if (object.kind == QLatin1String("table"))
            removedTables.insert(object.name);
        changes.append({ SchemaObjectChange::Action::Removed, object, {}, -1 });
    }
    // A new or dropped table's columns come with it; and a table whose
    // columns changed shows them, not its whole text again.
    QSet<QString> tablesWithParts;
    for (const SchemaObjectChange &change : std::as_const(changes)) {
        const SchemaObject &object = change.object();
        if (object.kind == QLatin1String("column") || object.kind == QLatin1String("constraint"))
            tablesWithParts.insert(object.table);
    }
    changes.erase(
        std::remove_if(changes.begin(), changes.end(),
            [&](const SchemaObjectChange &change) {
                const SchemaObject &object = change.object();
                const bool part = object.kind == QLatin1String("column") || object.kind == QLatin1String("constraint");
                if (part && change.action == SchemaObjectChange::Action::Added)
                    return addedTables.contains(object.table);
                if (part && change.action == SchemaObjectChange::Action::Removed)
                    return removedTables.contains(object.table);
                return object.kind == QLatin1String("table") && change.action == SchemaObjectChange::Action::Altered &&
                    tablesWithParts.contains(object.name);
            }),
        changes.end());
    std::stable_sort(changes.begin(), changes.end(), [](const SchemaObjectChange &a, const SchemaObjectChange &b) {
        const SchemaObject &x = a.object();
        const SchemaObject &y = b.object();
        const QString xTable = x.table.isEmpty() ? x.name : x.table;
        const QString yTable = y.table.isEmpty() ? y.name : y.table;
        return std::tie(xTable, x.kind, x.name) < std::tie(yTable, y.kind, y.name);
    });
    return changes;
}

QList<SchemaObjectChange> attributeChanges(const QString &before, const QStringList &steps, Dialect dialect)
{
    if (steps.isEmpty())
        return {};
    QList<SchemaObjectChange> changes = compareSchemaObjects(before, steps.last(), dialect);
    QHash<QString, int> lastStep;
    QString previous = before;
    for (int i = 0; i < steps.size(); ++i) {
        for (const SchemaObjectChange &change : compareSchemaObjects(previous, steps.at(i), dialect)) {
            lastStep.insert(change.object().key(), i);
            // Columns of a table created or dropped in this step.
            if (change.object().kind == QLatin1String("table"))
                lastStep.insert(QStringLiteral("table-of\x1f") + change.object().name, i);
        }
        previous = steps.at(i);
    }
    for (SchemaObjectChange &change : changes) {
        const SchemaObject &object = change.object();
        change.step = lastStep.value(object.key(),
            lastStep.value(QStringLiteral("table-of\x1f") + (object.table.isEmpty() ? object.name : object.table), -1));
    }
    return changes;
}

int statementLineFor(const Revision &revision, Direction direction, Dialect dialect, const QString &name)
{
    const std::optional<SqlSection> section = revision.section(direction, dialect);
    if (!section)
        return 0;
    Result<QList<SqlStatement>> statements =
        StatementSplitter::split(section->sql(), dialect, section->markerLine + 1, revision.filePath());
    if (!statements || statements->isEmpty())
        return 0;
    const QString wanted = name.section(QLatin1Char('.'), -1);
    for (const SqlStatement &statement : std::as_const(*statements)) {
        SqlLexer lexer(statement.text, dialect);
        SqlToken token;
        while (lexer.next(token)) {
            if ((token.kind == SqlToken::Word || token.kind == SqlToken::QuotedIdentifier) &&
                token.text.compare(wanted, Qt::CaseInsensitive) == 0)
                return statement.line + token.line - 1;
        }
    }
    return statements->first().line;
}

} // namespace Retort
