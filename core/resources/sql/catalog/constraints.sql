-- Table constraints declared on the table itself (not those a partition
-- inherits), with their definition, constrained columns and, for foreign
-- keys, the referenced table. NOT NULL is read with the columns. A key's
-- index storage options (fillfactor) are not in pg_get_constraintdef():
-- they are added as its WITH clause, as pg_dump does.
SELECT n.nspname, c.relname, con.conname, con.contype,
       pg_catalog.pg_get_constraintdef(con.oid)
         || COALESCE(' WITH (' || pg_catalog.array_to_string(ic.reloptions, ', ') || ')', ''),
       rn.nspname, rc.relname,
       (SELECT pg_catalog.string_agg(a.attname, E'\n' ORDER BY k.ord)
        FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY k(num, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num)
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_class ic ON ic.oid = con.conindid AND con.contype IN ('p', 'u')
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relkind IN ('r', 'p') AND con.contype IN ('p', 'u', 'f', 'c', 'x')
  AND con.conislocal AND con.conparentid = 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3
