-- Views and materialized views: the query, the options, and what the query
-- reads (relations, columns, functions, types) as a JSON array, so that a
-- change to any of those can drop and recreate the view around it.
SELECT n.nspname, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid),
       pg_catalog.array_to_string(c.reloptions, E'\n'),
       (SELECT pg_catalog.json_agg(DISTINCT pg_catalog.jsonb_build_object(
                   'kind', CASE d.refclassid WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN 'r'
                                             WHEN 'pg_catalog.pg_proc'::pg_catalog.regclass THEN 'f' ELSE 't' END,
                   'schema', COALESCE(rn.nspname, fn.nspname, tn.nspname),
                   'name', COALESCE(rc.relname, f.proname, ty.typname),
                   'column', a.attname,
                   'arguments', pg_catalog.pg_get_function_identity_arguments(f.oid)))
        FROM pg_catalog.pg_rewrite r
        JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
        LEFT JOIN pg_catalog.pg_class rc ON d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rc.oid = d.refobjid
        LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
        LEFT JOIN pg_catalog.pg_attribute a ON rc.oid IS NOT NULL AND a.attrelid = rc.oid AND a.attnum = d.refobjsubid
        LEFT JOIN pg_catalog.pg_proc f ON d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND f.oid = d.refobjid
        LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = f.pronamespace
        LEFT JOIN pg_catalog.pg_type ty ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND ty.oid = d.refobjid
        LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = ty.typnamespace
        WHERE r.ev_class = c.oid AND d.refobjid <> c.oid
          AND d.refclassid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass,
                               'pg_catalog.pg_type'::pg_catalog.regclass)
          AND COALESCE(rn.nspname, fn.nspname, tn.nspname) NOT IN ('pg_catalog', 'information_schema'))
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2
