#pragma once

#include "db/connectionsettings.h"
#include "util/result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace Retort {

class RunLock;

// What the Alembic bridge checks the connection env.py opened against,
// before Alembic's first statement (see retort_alembic.py): the database
// Retort holds locked.
//
// PostgreSQL: the lock connection's backend pid and its application_name
// (with a random nonce) and the lock's key. From Alembic's connection, the
// bridge sees in pg_locks and pg_stat_activity whether that backend holds
// that lock in current_database(): proof that both reach the same database
// of the same server, for any role. The database name, server address,
// port and system identifier (when the role may read it) are given too, to
// name both sides when they differ. SQLite: the file's path, device and
// inode, which the bridge compares with the file its connection opened.
namespace ConnectionProof {

// Retort's side, read on `connection` (Retort's migration connection,
// under `lock`).
Result<QJsonObject> expected(QSqlDatabase connection, const ConnectionSettings &settings, const RunLock &lock);

// "database radex_a on 127.0.0.1 port 5432 (system identifier 7312…)",
// "SQLite file /p/app.db", for messages.
QString describe(const QJsonObject &place);

} // namespace ConnectionProof

} // namespace Retort
