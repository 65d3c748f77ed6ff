-- Rows that would make a foreign key's validation fail: a key with no
-- referenced row (counted up to a limit).
SELECT count(*) FROM (
  SELECT 1 FROM {table} AS child
  WHERE {not_null} AND NOT EXISTS (SELECT 1 FROM {referenced} AS parent WHERE {join})
  LIMIT {limit}
) AS found
