-- SQLite's own record of every object and the statement that created it
-- (internal objects and automatic indexes, which have no statement, left out).
SELECT type, name, tbl_name, sql
FROM sqlite_schema
WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY type, name
