#pragma once

#include "util/error.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QVariant>

#include <functional>

struct pg_conn; // libpq's PGconn

namespace Retort {

// A driver error as an Error: the server's own message (without libpq's
// "ERROR:" prefix and its "LINE n:" excerpt, passwords redacted) and its
// SQLSTATE.
Error sqlError(const QSqlError &error);
// The same, prefixed with what Retort was doing: "cannot read the history
// table: ...".
Error sqlError(const QString &context, const QSqlError &error);

// libpq appends "LINE n: ..." to some messages, n counting the lines of the
// statement as sent. Returns n, or 0 when the message has none.
int statementLineOfError(const QSqlError &error);

// The libpq connection under a QPSQL connection (QSqlDriver::handle(),
// declared as "PGconn*" or, through the struct's name, "pg_conn*"), for what
// QtSql does not offer; null for other drivers.
pg_conn *postgresConnection(const QSqlDatabase &database);

// Sends the server's notices on a QPSQL connection (RAISE NOTICE in a
// migration, "skipping" from IF EXISTS) to `receiver` instead of stderr.
// `receiver` must outlive the connection or the next call. Other drivers:
// nothing happens.
void forwardNotices(const QSqlDatabase &database, std::function<void(const QString &)> *receiver);

// Whether a SQLite error is SQLITE_BUSY (5) or SQLITE_LOCKED (6): another
// connection holds the write lock.
bool isSqliteBusy(const QSqlError &error);

// Whether a QPSQL connection is broken (the server closed it, the backend
// was terminated, the network went away). False for other drivers.
bool isConnectionBroken(const QSqlDatabase &database);

// Whether `error` is the server's "canceling statement due to user request"
// (SQLSTATE 57014). A cancel request that reaches the server after the
// statement it was meant for has ended (Cancel pressed twice, or a request
// delayed on a busy machine) cancels the next statement instead.
bool isQueryCanceled(const Error &error);

} // namespace Retort
