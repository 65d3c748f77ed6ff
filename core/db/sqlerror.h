#pragma once

#include "util/error.h"

#include <QSqlError>

namespace Retort {

// A driver error as an Error: the server's own message (without libpq's
// "ERROR:" prefix, passwords redacted) and its SQLSTATE.
Error sqlError(const QSqlError &error);
// The same, prefixed with what Retort was doing: "cannot read the history
// table: ...".
Error sqlError(const QString &context, const QSqlError &error);

// libpq appends "LINE n: ..." to some messages; n counts lines of the
// statement as sent. Returns n, or 0 when the message has no such line.
int statementLineOfError(const QString &message);

} // namespace Retort
