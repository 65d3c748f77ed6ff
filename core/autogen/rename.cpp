#include "rename.h"

#include <QCoreApplication>

#include <algorithm>

namespace Retort {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Retort::Rename", text);
}

// How the CLI names a table: without "public." (and without any schema on
// SQLite), as people write it.
QString tableText(const QualifiedName &name)
{
    return name.schema.isEmpty() || name.schema == QLatin1String("public") ? name.name : name.text();
}

// The table a user's name stands for: "users" is public.users on
// PostgreSQL, "billing.invoices" billing.invoices.
QualifiedName tableNamed(const QString &text, const SchemaModel &model)
{
    if (model.dialect == Dialect::SQLite)
        return { QString(), text };
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    if (dot < 0)
        return { QStringLiteral("public"), text };
    return { text.left(dot), text.mid(dot + 1) };
}

// The column signature two tables must share to look like one renamed table.
QStringList columnSignature(const Table &table)
{
    QStringList signature;
    for (const Column &column : table.columns)
        signature.append(column.name + QLatin1Char(' ') + column.type);
    return signature;
}

void addColumnCandidates(const Table &head, const Table &desired, QList<Rename> *candidates)
{
    QList<const Column *> added;
    for (const Column &column : desired.columns) {
        if (!head.column(column.name))
            added.append(&column);
    }
    for (const Column &column : head.columns) {
        if (desired.column(column.name))
            continue;
        const auto same =
            std::find_if(added.begin(), added.end(), [&](const Column *c) { return c->type == column.type; });
        if (same == added.end())
            continue;
        candidates->append({ Rename::Kind::Column, head.name, desired.name, column.name, (*same)->name });
        added.erase(same);
    }
}

// A --rename that is no candidate, checked against the two schemas.
Result<Rename> renameNamed(const QString &from, const QString &to, const SchemaModel &head, const SchemaModel &desired)
{
    const QualifiedName fromTable = tableNamed(from, head);
    const QualifiedName toTable = tableNamed(to, desired);
    if (head.table(fromTable) && desired.table(toTable) && !desired.table(fromTable))
        return Rename { Rename::Kind::Table, fromTable, toTable, {}, {} };
    const qsizetype fromDot = from.lastIndexOf(QLatin1Char('.'));
    const qsizetype toDot = to.lastIndexOf(QLatin1Char('.'));
    if (fromDot > 0 && toDot > 0) {
        Rename column { Rename::Kind::Column, tableNamed(from.left(fromDot), head), tableNamed(to.left(toDot), desired),
            from.mid(fromDot + 1), to.mid(toDot + 1) };
        const Table *oldTable = head.table(column.fromTable);
        const Table *newTable = desired.table(column.toTable);
        if (oldTable && newTable && oldTable->column(column.fromColumn) && newTable->column(column.toColumn) &&
            !newTable->column(column.fromColumn))
            return column;
    }
    return Error::at({}, 0,
        tr("--rename %1=%2: the head has no table or column %1 that the schema file has as %2 (and not as %1)")
            .arg(from, to));
}

} // namespace

QString Rename::from() const
{
    return kind == Kind::Table ? tableText(fromTable) : tableText(fromTable) + QLatin1Char('.') + fromColumn;
}

QString Rename::to() const
{
    return kind == Kind::Table ? tableText(toTable) : tableText(toTable) + QLatin1Char('.') + toColumn;
}

QString Rename::kindName() const
{
    return kind == Kind::Table ? QStringLiteral("table") : QStringLiteral("column");
}

QString Rename::sql() const
{
    if (kind == Kind::Table)
        return QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(fromTable.sql(), quoteName(toTable.name));
    return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3;")
        .arg(toTable.sql(), quoteName(fromColumn), quoteName(toColumn));
}

QString Rename::reverseSql() const
{
    if (kind == Kind::Table)
        return QStringLiteral("ALTER TABLE %1 RENAME TO %2;").arg(toTable.sql(), quoteName(fromTable.name));
    return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3;")
        .arg(toTable.sql(), quoteName(toColumn), quoteName(fromColumn));
}

QList<Rename> renameCandidates(const SchemaModel &head, const SchemaModel &desired)
{
    QList<Rename> candidates;
    QList<const Table *> added;
    for (const Table &table : desired.tables) {
        if (!head.table(table.name) && !table.isPartition())
            added.append(&table);
    }
    for (const Table &table : head.tables) {
        if (desired.table(table.name) || table.isPartition())
            continue;
        const QStringList signature = columnSignature(table);
        const auto same = std::find_if(added.begin(), added.end(),
            [&](const Table *t) { return t->name.schema == table.name.schema && columnSignature(*t) == signature; });
        if (same == added.end())
            continue;
        candidates.append({ Rename::Kind::Table, table.name, (*same)->name, {}, {} });
        added.erase(same);
    }
    for (const Table &table : desired.tables) {
        if (const Table *same = head.table(table.name))
            addColumnCandidates(*same, table, &candidates);
    }
    return candidates;
}

bool RenameChoices::addRename(const QString &text, QString *error)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals <= 0 || equals == text.size() - 1) {
        *error = tr("--rename takes FROM=TO, as in --rename users.fullname=users.name; not \"%1\"").arg(text);
        return false;
    }
    renames.insert(text.left(equals).trimmed(), text.mid(equals + 1).trimmed());
    return true;
}

Result<SettledRenames> settleRenames(
    const QList<Rename> &candidates, const SchemaModel &head, const SchemaModel &desired, const RenameChoices &choices)
{
    SettledRenames settled;
    QStringList used;
    for (const Rename &candidate : candidates) {
        const QString from = candidate.from();
        if (choices.renames.value(from) == candidate.to()) {
            settled.renames.append(candidate);
            used.append(from);
        } else if (!choices.keepApart.contains(from) && !choices.renames.contains(from)) {
            settled.unsettled.append(candidate);
        }
    }
    for (auto it = choices.renames.cbegin(); it != choices.renames.cend(); ++it) {
        if (used.contains(it.key()))
            continue;
        Result<Rename> named = renameNamed(it.key(), it.value(), head, desired);
        if (!named)
            return named.error();
        settled.renames.append(*named);
    }
    for (const QString &from : choices.keepApart) {
        const bool known = std::any_of(
            candidates.cbegin(), candidates.cend(), [&](const Rename &candidate) { return candidate.from() == from; });
        if (!known)
            return Error::at(
                {}, 0, tr("--no-rename %1: no dropped table or column of that name looks renamed").arg(from));
    }
    // Tables first: a column is renamed in its table's new name.
    std::stable_sort(settled.renames.begin(), settled.renames.end(), [](const Rename &a, const Rename &b) {
        return a.kind == Rename::Kind::Table && b.kind != Rename::Kind::Table;
    });
    return settled;
}

} // namespace Retort
