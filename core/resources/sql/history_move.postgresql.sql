-- A history table kept by an older Retort in the application's schema
-- moves to Retort's own, with its rows and its identity sequence, in one
-- statement (run under the runner lock).
ALTER TABLE {legacy_table} SET SCHEMA {schema}
