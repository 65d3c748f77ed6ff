-- Privileges on schemas, tables, views, sequences, functions and procedures
-- that differ from the object's defaults (acldefault): granted ones, and
-- default ones revoked (EXECUTE from PUBLIC...).
WITH objects AS (
  SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END
           || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS target,
         n.nspname AS schema, c.relname AS relation, c.relacl AS acl,
         pg_catalog.acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner) AS defaults
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relacl IS NOT NULL
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  UNION ALL
  SELECT 'SCHEMA ' || pg_catalog.quote_ident(n.nspname), n.nspname, NULL, n.nspacl,
         pg_catalog.acldefault('n', n.nspowner)
  FROM pg_catalog.pg_namespace n
  WHERE n.nspacl IS NOT NULL AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END
           || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname)
           || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')',
         n.nspname, NULL, p.proacl, pg_catalog.acldefault('f', p.proowner)
  FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
  WHERE p.proacl IS NOT NULL AND p.prokind IN ('f', 'p', 'w')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
), entries AS (
  SELECT o.target, o.schema, o.relation, a.grantee, a.privilege_type, a.is_grantable, false AS revoked
  FROM objects o CROSS JOIN LATERAL pg_catalog.aclexplode(o.acl) a
  WHERE (a.grantee, a.privilege_type, a.is_grantable) NOT IN
        (SELECT x.grantee, x.privilege_type, x.is_grantable FROM pg_catalog.aclexplode(o.defaults) x)
  UNION ALL
  SELECT o.target, o.schema, o.relation, a.grantee, a.privilege_type, a.is_grantable, true
  FROM objects o CROSS JOIN LATERAL pg_catalog.aclexplode(o.defaults) a
  WHERE (a.grantee, a.privilege_type, a.is_grantable) NOT IN
        (SELECT x.grantee, x.privilege_type, x.is_grantable FROM pg_catalog.aclexplode(o.acl) x)
)
SELECT e.target, CASE WHEN e.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END,
       e.privilege_type, e.is_grantable, e.revoked, e.schema, e.relation
FROM entries e LEFT JOIN pg_catalog.pg_roles r ON r.oid = e.grantee
ORDER BY 1, 2, 3, 4, 5
