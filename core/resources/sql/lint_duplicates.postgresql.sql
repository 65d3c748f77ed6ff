-- Values that would make a unique index or constraint fail (groups counted
-- up to a limit; rows with a NULL key never conflict).
SELECT count(*) FROM (
  SELECT 1 FROM {table} WHERE {not_null} GROUP BY {columns} HAVING count(*) > 1 LIMIT {limit}
) AS found
