#pragma once

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

namespace Retort {

// What applying a change may cost, for warnings and reviews.
enum class ChangeRisk {
    DeletesData = 0x1, // drops a table, a column, rows' values
    RewritesTable = 0x2, // rewrites every row (a column type change...)
    AccessExclusiveLock = 0x4, // blocks reads and writes of the table while it runs
    NotInTransaction = 0x8, // must run outside a transaction block, or commit before what follows
    PossibleRename = 0x10, // a dropped and an added column that may be one renamed column
};
Q_DECLARE_FLAGS(ChangeRisks, ChangeRisk)
Q_DECLARE_OPERATORS_FOR_FLAGS(ChangeRisks)

// One step from one schema to another: what it touches, the SQL that does
// it (one or more statements, each ending with ";"), what it risks and, when
// no correct SQL exists, why (then `sql` is empty or only a suggestion kept
// out of the script).
struct SchemaChange {
    enum class Action { Create, Drop, Alter };

    Action action = Action::Create;
    QString kind; // "table", "column", "index", "enum", "view"...
    QString object; // the object's SQL name: public.orders, public.orders.total
    QString sql;
    ChangeRisks risks;
    QString note; // a remark for the reader (a possible rename, "fails if rows are NULL")
    QString problem; // set when Retort cannot write correct SQL for this change

    friend bool operator==(const SchemaChange &, const SchemaChange &) = default;
};

QString actionName(SchemaChange::Action action); // "create", "drop", "alter"
// "deletes-data", "rewrites-table", "access-exclusive-lock",
// "not-in-transaction", "possible-rename", in that order.
QStringList riskNames(ChangeRisks risks);

// The changes as one SQL script: each change preceded by a comment with its
// kind, object, risks and note; a change with a problem is written as
// comments only, so the script never runs something wrong.
QString changeScript(const QList<SchemaChange> &changes);

} // namespace Retort
