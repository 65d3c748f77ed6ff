#pragma once

#include "sqlanalysis.h"

#include <QHash>

namespace Retort {

// What an Alembic migration's upgrade() or downgrade() risks and touches,
// read from the Python source without running it: the op.* calls Alembic
// documents (drop_table, drop_column, alter_column with type_ or
// new_column_name, rename_table, create_table, add_column, create_index,
// ...), the same calls on batch_alter_table() contexts, and the SQL in
// op.execute("...") string literals, analysed as SQL of `dialect`. Line
// numbers are the file's. Calls built at run time (names in variables,
// loops) are not seen: this never guesses.
SqlAnalysis analyzeAlembicOperations(const QString &pythonSource, Direction direction, Dialect dialect);

// The PostgreSQL SQL an Alembic migration's upgrade() or downgrade() runs,
// for the linter: op.execute() text as written, and for the common op.*
// calls (add_column, create_table, create_index, create_foreign_key,
// alter_column, drop_column...) the statement Alembic emits, as far as the
// call's static arguments tell (sa.Column types, nullable, server_default,
// postgresql_concurrently).
struct AlembicOperationSql {
    QString sql;
    int line = 0; // of the call
    bool emitted = false; // written by Retort for an op.* call (not op.execute's own text)
    QString call; // "add_column"
};
QList<AlembicOperationSql> alembicOperationSql(const QString &pythonSource, Direction direction);
// A statement that cannot run inside a transaction (see transactionrules.h).
struct TransactionBlocker {
    int line = 0; // of the migration file
    QString kind; // "CREATE INDEX CONCURRENTLY"
};

// How an Alembic migration's upgrade() or downgrade() deals with Alembic's
// transaction: whether it leaves it with `with
// op.get_context().autocommit_block():`, and the statements that cannot run
// in a transaction outside such a block (op.create_index/drop_index with
// postgresql_concurrently=True, and op.execute("...") literals), which
// PostgreSQL refuses at run time.
struct AlembicTransactionUse {
    bool autocommitBlock = false;
    QList<TransactionBlocker> blockedOutside;
};
AlembicTransactionUse analyzeAlembicTransactions(const QString &pythonSource, Direction direction, Dialect dialect);

// The keyword arguments of every call NAME.`method`(...) in `pythonSource`,
// each as written (tokens joined, strings by value): for reading what an
// env.py passes to context.configure().
QList<QHash<QString, QString>> pythonCallKeywords(const QString &pythonSource, const QString &method);

} // namespace Retort
