-- Every object of a SQLite schema as its CREATE statement, in a stable
-- order (tables, views, indexes, triggers; by name), without SQLite's own
-- objects and without the version and history tables (bound in that order).
SELECT sql
FROM sqlite_schema
WHERE sql IS NOT NULL
  AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND tbl_name NOT IN (?, ?)
ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name
