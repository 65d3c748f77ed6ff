#include "sqlitediff.h"

#include <QCoreApplication>
#include <QMap>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::SchemaDiff", text);
}

QString withSemicolon(const QString &sql)
{
    return sql.trimmed().endsWith(QLatin1Char(';')) ? sql.trimmed() : sql.trimmed() + QLatin1Char(';');
}

// Splits "a int, b text DEFAULT (1, 2)" at the commas outside brackets and
// quotes.
QStringList splitTopLevel(const QString &text)
{
    QStringList parts;
    int depth = 0;
    QChar quote;
    QString current;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`')) {
            quote = c;
        } else if (c == QLatin1Char('(')) {
            ++depth;
        } else if (c == QLatin1Char(')')) {
            --depth;
        } else if (c == QLatin1Char(',') && depth == 0) {
            parts.append(current.trimmed());
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.trimmed().isEmpty())
        parts.append(current.trimmed());
    return parts;
}

// The column definitions `to` appends to `from`'s statement, or nothing
// when `to` is not `from` plus columns at the end.
QStringList appendedColumns(const Table &from, const Table &to)
{
    if (to.columns.size() <= from.columns.size())
        return {};
    for (qsizetype i = 0; i < from.columns.size(); ++i) {
        if (from.columns.at(i) != to.columns.at(i))
            return {};
    }
    QString head = from.definition.trimmed();
    if (!head.endsWith(QLatin1Char(')')))
        return {};
    head.chop(1);
    head = head.trimmed();
    const QString full = to.definition.trimmed();
    if (!full.startsWith(head) || !full.endsWith(QLatin1Char(')')))
        return {};
    QString tail = full.mid(head.size());
    tail.chop(1);
    tail = tail.trimmed();
    if (!tail.startsWith(QLatin1Char(',')))
        return {};
    const QStringList parts = splitTopLevel(tail.mid(1));
    if (parts.size() != to.columns.size() - from.columns.size())
        return {};
    for (const QString &part : parts) {
        // ADD COLUMN takes no PRIMARY KEY or UNIQUE, nor NOT NULL without a default.
        const QString upper = part.toUpper();
        if (upper.contains(QLatin1String("PRIMARY KEY")) || upper.contains(QLatin1String("UNIQUE")) ||
            (upper.contains(QLatin1String("NOT NULL")) && !upper.contains(QLatin1String("DEFAULT"))) ||
            upper.contains(QLatin1String(" AS ")))
            return {};
    }
    return parts;
}

QString renamedStatement(const QString &definition, const QString &oldName, const QString &newName)
{
    // The model keeps "CREATE TABLE <quoted name> (".
    const QString prefix = QStringLiteral("CREATE TABLE %1 (").arg(quoteName(oldName));
    return QStringLiteral("CREATE TABLE %1 (").arg(quoteName(newName)) + definition.mid(prefix.size());
}

} // namespace

QList<SchemaChange> SqliteDiff::compare(const SchemaModel &from, const SchemaModel &to)
{
    QList<SchemaChange> dropTriggers, dropViews, dropIndexes, dropTables, createTables, alterTables, createIndexes,
        createViews, createTriggers;
    using Action = SchemaChange::Action;
    QMap<QString, const Table *> fromTables, toTables;
    for (const Table &table : from.tables)
        fromTables.insert(table.name.name, &table);
    for (const Table &table : to.tables)
        toTables.insert(table.name.name, &table);

    bool rebuilding = false;
    QSet<QString> rebuilt;
    for (const Table *table : std::as_const(toTables)) {
        const Table *old = fromTables.value(table->name.name);
        const QString name = quoteName(table->name.name);
        if (!old) {
            createTables.append(
                { Action::Create, QStringLiteral("table"), name, withSemicolon(table->definition), {}, {}, {} });
            continue;
        }
        if (old->definition == table->definition)
            continue;
        const QStringList appended = appendedColumns(*old, *table);
        if (!appended.isEmpty()) {
            for (const QString &column : appended)
                alterTables.append({ Action::Create, QStringLiteral("column"), name,
                    QStringLiteral("ALTER TABLE %1 ADD COLUMN %2;").arg(name, column), {}, {}, {} });
            continue;
        }
        rebuilding = true;
        rebuilt.insert(table->name.name);
        QStringList common;
        bool dropsColumns = false;
        for (const Column &column : old->columns) {
            if (table->column(column.name) && table->column(column.name)->generatedExpression.isEmpty() &&
                column.generatedExpression.isEmpty())
                common.append(quoteName(column.name));
            else
                dropsColumns = true;
        }
        const QString temporary = quoteName(table->name.name + QStringLiteral("__retort_new"));
        QStringList statements;
        statements.append(withSemicolon(
            renamedStatement(table->definition, table->name.name, table->name.name + QStringLiteral("__retort_new"))));
        statements.append(QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3;")
                              .arg(temporary, common.join(QLatin1String(", ")), name));
        statements.append(QStringLiteral("DROP TABLE %1;").arg(name));
        statements.append(QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(temporary, name));
        ChangeRisks risks = ChangeRisk::RewritesTable;
        if (dropsColumns)
            risks |= ChangeRisk::DeletesData;
        alterTables.append({ Action::Alter, QStringLiteral("table"), name, statements.join(QLatin1Char('\n')), risks,
            tr("SQLite cannot alter this table in place: it is rebuilt and its rows copied; with foreign keys "
               "enforced, run it with PRAGMA foreign_keys=OFF (outside a transaction)"),
            {} });
    }
    for (const Table *table : std::as_const(fromTables)) {
        if (!toTables.contains(table->name.name))
            dropTables.append({ Action::Drop, QStringLiteral("table"), quoteName(table->name.name),
                QStringLiteral("DROP TABLE %1;").arg(quoteName(table->name.name)), ChangeRisk::DeletesData, {}, {} });
    }

    // Indexes and triggers, by name; those of a rebuilt table are created again.
    const auto compareParts = [&](const QString &kind, auto member, QList<SchemaChange> &drops,
                                  QList<SchemaChange> &creates) {
        QMap<QString, std::pair<QString, QString>> before, after; // name -> (owner, sql)
        for (const Table &table : from.tables)
            for (const auto &part : table.*member)
                before.insert(part.name, { table.name.name, part.definition });
        for (const Table &table : to.tables)
            for (const auto &part : table.*member)
                after.insert(part.name, { table.name.name, part.definition });
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const bool ownerGone = !toTables.contains(it->first) || rebuilt.contains(it->first);
            if (ownerGone || (after.contains(it.key()) && after.value(it.key()) == *it))
                continue;
            drops.append({ Action::Drop, kind, quoteName(it.key()),
                QStringLiteral("DROP %1 %2;").arg(kind.toUpper(), quoteName(it.key())), {}, {}, {} });
        }
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (before.value(it.key()) == *it && !rebuilt.contains(it->first))
                continue;
            creates.append({ before.contains(it.key()) ? Action::Alter : Action::Create, kind, quoteName(it.key()),
                withSemicolon(it->second), {}, {}, {} });
        }
    };
    compareParts(QStringLiteral("index"), &Table::indexes, dropIndexes, createIndexes);
    compareParts(QStringLiteral("trigger"), &Table::triggers, dropTriggers, createTriggers);

    // Views: a rebuild renames a table, which SQLite checks against every
    // view, so all views go and come back around one.
    for (const View &view : from.views) {
        const View *now = to.view(view.name);
        if (now && now->definition == view.definition && !rebuilding)
            continue;
        dropViews.append({ Action::Drop, QStringLiteral("view"), quoteName(view.name.name),
            QStringLiteral("DROP VIEW %1;").arg(quoteName(view.name.name)), {}, {}, {} });
        for (const Trigger &trigger : view.triggers) {
            if (now)
                dropTriggers.append({ Action::Drop, QStringLiteral("trigger"), quoteName(trigger.name),
                    QStringLiteral("DROP TRIGGER %1;").arg(quoteName(trigger.name)), {}, {}, {} });
        }
    }
    // Views in creation order of their dependencies: one that names another comes after it.
    QList<const View *> pending;
    for (const View &view : to.views) {
        const View *old = from.view(view.name);
        if (!old || old->definition != view.definition || rebuilding)
            pending.append(&view);
        else if (old->triggers != view.triggers)
            for (const Trigger &trigger : view.triggers)
                createTriggers.append({ Action::Create, QStringLiteral("trigger"), quoteName(trigger.name),
                    withSemicolon(trigger.definition), {}, {}, {} });
    }
    while (!pending.isEmpty()) {
        qsizetype next = 0;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            const bool waits = std::any_of(pending.cbegin(), pending.cend(), [&](const View *other) {
                return other != pending.at(i) && pending.at(i)->definition.contains(other->name.name);
            });
            if (!waits) {
                next = i;
                break;
            }
        }
        const View *view = pending.takeAt(next);
        createViews.append({ from.view(view->name) ? Action::Alter : Action::Create, QStringLiteral("view"),
            quoteName(view->name.name), withSemicolon(view->definition), {}, {}, {} });
        for (const Trigger &trigger : view->triggers)
            createTriggers.append({ Action::Create, QStringLiteral("trigger"), quoteName(trigger.name),
                withSemicolon(trigger.definition), {}, {}, {} });
    }
    return dropTriggers + dropViews + dropIndexes + dropTables + createTables + alterTables + createIndexes +
        createViews + createTriggers;
}

} // namespace Retort
