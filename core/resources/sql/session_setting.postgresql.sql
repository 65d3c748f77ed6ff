-- A per-run setting of the migration connection: lock_timeout or
-- statement_timeout, in milliseconds (0 turns the limit off).
SELECT set_config(?, ?, false)
