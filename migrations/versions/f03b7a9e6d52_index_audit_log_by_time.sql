-- revision: f03b7a9e6d52
-- down_revision: 2c7d9b3e5a14
-- message: Index audit log by time
-- create_date: 2026-04-15T07:55:00Z
-- transactional: false
--
-- The audit log is large and always being written: on PostgreSQL the index
-- is built CONCURRENTLY, which cannot run inside a transaction.

-- migrate:upgrade postgresql
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_audit_log_created_at ON audit_log (created_at);

-- migrate:upgrade sqlite
CREATE INDEX IF NOT EXISTS ix_audit_log_created_at ON audit_log (created_at);

-- migrate:downgrade postgresql
DROP INDEX CONCURRENTLY IF EXISTS ix_audit_log_created_at;

-- migrate:downgrade sqlite
DROP INDEX IF EXISTS ix_audit_log_created_at;
