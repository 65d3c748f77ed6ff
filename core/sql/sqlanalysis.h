#pragma once

#include "statementsplitter.h"

#include <QList>
#include <QString>

namespace Retort {

// Something a statement does that deserves a warning before it runs.
struct SqlRisk {
    enum Kind {
        DropTable, // the table and its rows are gone
        DropColumn, // the column's data is gone
        DropSchema, // everything in the schema is gone
        Truncate, // every row is gone
        DeleteWithoutWhere, // every row is gone
        UpdateWithoutWhere, // every row is overwritten
        ColumnTypeChange, // values are converted, may be truncated or refused
        RenameTable, // code using the old name breaks
        RenameColumn, // code using the old name breaks
    };
    Kind kind = DropTable;
    QString table; // as written, unquoted names folded to lower case
    QString column; // for column risks
    QString detail; // e.g. the new name of a rename
    int line = 0; // of the statement

    // True for kinds that destroy or rewrite data, false for those that
    // only break compatibility (renames).
    bool losesData() const { return kind != RenameTable && kind != RenameColumn; }
    // One line for the user, e.g. "drops column users.email and its data".
    QString description() const;
    bool operator==(const SqlRisk &) const = default;
};

// A table (or one of its columns) that a statement creates, changes,
// drops, indexes or writes rows of: what the merge dialog compares between
// branches to flag overlaps.
struct SqlTouch {
    enum Kind { Create, Alter, Drop, Data, Index, Trigger };
    Kind kind = Alter;
    QString table;
    QString column; // empty: the table as a whole
    int line = 0;
    bool operator==(const SqlTouch &) const = default;
};

struct SqlAnalysis {
    QList<SqlRisk> risks;
    QList<SqlTouch> touches;
};

// Reads statements for what they risk and touch. This is a recogniser for
// the common DDL and DML forms, not a full SQL parser: statements it does
// not recognise contribute nothing (it never guesses a risk).
SqlAnalysis analyzeSql(const QList<SqlStatement> &statements, Dialect dialect);

// The table name without schema ("public.users" -> "users"), for comparing
// what two branches touch.
QString unqualifiedTableName(const QString &table);

} // namespace Retort
