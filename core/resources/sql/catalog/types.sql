-- Enum (labels in sort order), domain (base type, collation, default, NOT
-- NULL, CHECK constraints) and composite types (attributes), as JSON.
SELECT n.nspname, t.typname, t.typtype,
       CASE t.typtype
         WHEN 'e' THEN (SELECT pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder)
                        FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)
         WHEN 'd' THEN pg_catalog.json_build_object(
             'base', pg_catalog.format_type(t.typbasetype, t.typtypmod),
             'collation', CASE WHEN t.typcollation <> bt.typcollation
                               THEN (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
                                     FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                                     WHERE co.oid = t.typcollation) END,
             'default', t.typdefault, 'notnull', t.typnotnull,
             'constraints', (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(con.conname,
                                                         pg_catalog.pg_get_constraintdef(con.oid)) ORDER BY con.conname)
                             FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'))
         WHEN 'c' THEN (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(a.attname,
                                 pg_catalog.format_type(a.atttypid, a.atttypmod),
                                 CASE WHEN a.attcollation <> at.typcollation
                                      THEN (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
                                            FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace
                                            WHERE co.oid = a.attcollation) END) ORDER BY a.attnum)
                        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
                        WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
       END
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_class r ON r.oid = t.typrelid
WHERE (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c'))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2
