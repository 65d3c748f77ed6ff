-- The objects of one side ({schema} is main or retort_backup), tables first,
-- in creation order.
SELECT type, name, sql
FROM {schema}.sqlite_master
WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' AND sql IS NOT NULL
ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid
