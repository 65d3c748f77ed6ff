#pragma once

#include "statementsplitter.h"

namespace Retort {

// Statements that cannot run inside a transaction block: PostgreSQL refuses
// CREATE INDEX CONCURRENTLY, VACUUM, ALTER SYSTEM, CREATE DATABASE and a few
// more there, and SQLite refuses VACUUM and ignores PRAGMA foreign_keys. A
// migration that runs in a transaction (the default) must not contain them,
// and Retort says so before anything runs rather than half way through.
// Transaction control (BEGIN, COMMIT, ROLLBACK...) counts too: in a
// transactional migration Retort owns the transaction.
//
// Returns the kind of statement ("CREATE INDEX CONCURRENTLY") when
// `statement` cannot run in a transaction, or an empty string.
QString transactionBlocker(const SqlStatement &statement, Dialect dialect);

} // namespace Retort
