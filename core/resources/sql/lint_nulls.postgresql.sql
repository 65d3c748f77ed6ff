-- Rows that would make SET NOT NULL fail (counted up to a limit).
SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {column} IS NULL LIMIT {limit}) AS found
