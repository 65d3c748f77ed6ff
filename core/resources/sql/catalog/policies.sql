-- Row-level security policies.
SELECT n.nspname, c.relname, p.polname, p.polpermissive,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
       (SELECT pg_catalog.string_agg(CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(ro.rolname) END,
                                     E'\n' ORDER BY 1)
        FROM pg_catalog.unnest(p.polroles) r(oid) LEFT JOIN pg_catalog.pg_roles ro ON ro.oid = r.oid),
       pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
FROM pg_catalog.pg_policy p
JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
ORDER BY 1, 2, 3
