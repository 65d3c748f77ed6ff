-- Rows that would make a new CHECK constraint fail (counted up to a limit);
-- the expression is the migration's own, run read-only.
SELECT count(*) FROM (SELECT 1 FROM {table} WHERE NOT ({expression}) LIMIT {limit}) AS found
