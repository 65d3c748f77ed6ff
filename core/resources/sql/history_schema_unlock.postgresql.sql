-- Ends history_schema_lock, after the tables' transaction ended.
SELECT pg_advisory_unlock(1382380658, 0)
