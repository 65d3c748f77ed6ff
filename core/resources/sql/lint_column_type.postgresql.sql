-- The current type of a column, in the terms of the parser: the name of the type and its
-- modifiers (varchar(20) -> 20, numeric(10,2) -> 10,2).
SELECT t.typname,
       CASE
         WHEN a.atttypmod < 0 THEN ''
         WHEN t.typname IN ('varchar', 'bpchar', 'varbit', 'bit') THEN (a.atttypmod - 4)::text
         WHEN t.typname = 'numeric' THEN ((a.atttypmod - 4) >> 16)::text || ',' || ((a.atttypmod - 4) & 65535)::text
         ELSE ''
       END
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped
