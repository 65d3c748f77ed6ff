#pragma once

#include "schema/schemamodel.h"
#include "util/result.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace Retort {

// A table or a column that one schema has and the other has under another
// name. A diff cannot tell a rename from a drop and an add (the guide's
// "column renames are detected as drop + add (data loss!)"), so Retort
// never guesses: it lists the look-alikes and the user settles each one.
struct Rename {
    enum class Kind { Table, Column };
    Kind kind = Kind::Column;
    QualifiedName fromTable; // the table as the head has it
    QualifiedName toTable; // the table as the desired schema has it (the same for a column)
    QString fromColumn; // columns only
    QString toColumn;

    // "users.fullname", "billing.invoices": how the CLI's --rename names it.
    QString from() const;
    QString to() const;
    QString kindName() const; // "table", "column"
    // The statement that renames, and the one that renames back. A column
    // is renamed in its table's new name: table renames come first.
    QString sql() const;
    QString reverseSql() const;

    friend bool operator==(const Rename &, const Rename &) = default;
};

// Dropped and added tables with the same columns, and in each table a
// dropped and an added column of the same type: what may be renames.
// Deterministic: in table order, each object in at most one pair.
QList<Rename> renameCandidates(const SchemaModel &head, const SchemaModel &desired);

// What the user said about renames: --rename FROM=TO and --no-rename FROM.
struct RenameChoices {
    QMap<QString, QString> renames; // from() -> to()
    QStringList keepApart; // from(): a drop and an add after all

    // Parses "users.fullname=users.name"; false with `error` set when
    // the text has no "=".
    bool addRename(const QString &text, QString *error);
};

struct SettledRenames {
    QList<Rename> renames; // to run, tables first
    QList<Rename> unsettled; // candidates the user has said nothing about
};

// Settles the candidates with the user's choices. A --rename that is not a
// candidate is taken when both names exist (a column renamed and retyped);
// one that names nothing, or a --no-rename that is no candidate, is an
// error naming it.
Result<SettledRenames> settleRenames(
    const QList<Rename> &candidates, const SchemaModel &head, const SchemaModel &desired, const RenameChoices &choices);

} // namespace Retort
