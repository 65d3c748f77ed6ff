#pragma once

#include <QJsonObject>
#include <QString>

namespace Retort {

// PostgreSQL's table lock modes, weakest first.
enum class PgLock {
    None,
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
};

QString pgLockName(PgLock lock); // "ACCESS EXCLUSIVE"

// The strongest table lock a statement takes, and on which table (as
// written; for DROP INDEX the index). From PostgreSQL's "Explicit Locking"
// and the ALTER TABLE reference, which give each subcommand's lock.
struct StatementLock {
    PgLock mode = PgLock::None;
    QString table;
    // A lock that blocks writes or more: worth a lock_timeout.
    bool dangerous() const { return mode >= PgLock::Share; }
};

StatementLock statementLock(const QJsonObject &tree);

} // namespace Retort
