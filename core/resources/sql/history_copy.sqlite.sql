-- A history table kept by an older Retort in the database file itself: its
-- rows go to Retort's own file (attached as {schema}), in the transaction
-- that then drops the old table (run under the runner lock).
INSERT INTO {history_table} SELECT * FROM {legacy_table}
