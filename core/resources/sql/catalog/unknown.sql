-- Objects of kinds the schema model does not know yet, so that they are
-- named (and kept verbatim where the server can print them) instead of
-- silently dropped: rules, event triggers, foreign tables, aggregates,
-- operators, casts, collations, extended statistics, publications, range
-- and base types, table inheritance outside partitioning.
WITH found AS (
  SELECT 'pg_catalog.pg_rewrite'::pg_catalog.regclass AS classid, r.oid AS objid,
         pg_catalog.pg_get_ruledef(r.oid) AS definition
  FROM pg_catalog.pg_rewrite r WHERE r.rulename <> '_RETURN'
  UNION ALL
  SELECT 'pg_catalog.pg_event_trigger'::pg_catalog.regclass, e.oid, NULL FROM pg_catalog.pg_event_trigger e
  UNION ALL
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass, c.oid, NULL FROM pg_catalog.pg_class c WHERE c.relkind = 'f'
  UNION ALL
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, NULL FROM pg_catalog.pg_proc p WHERE p.prokind = 'a'
  UNION ALL
  SELECT 'pg_catalog.pg_operator'::pg_catalog.regclass, o.oid, NULL FROM pg_catalog.pg_operator o
  UNION ALL
  SELECT 'pg_catalog.pg_cast'::pg_catalog.regclass, c.oid, NULL FROM pg_catalog.pg_cast c WHERE c.oid >= 16384
  UNION ALL
  SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, c.oid, NULL FROM pg_catalog.pg_collation c
  UNION ALL
  SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass, s.oid, pg_catalog.pg_get_statisticsobjdef(s.oid)
  FROM pg_catalog.pg_statistic_ext s
  UNION ALL
  SELECT 'pg_catalog.pg_publication'::pg_catalog.regclass, p.oid, NULL FROM pg_catalog.pg_publication p
  UNION ALL
  SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, NULL FROM pg_catalog.pg_type t
  WHERE t.typtype IN ('r', 'm', 'b') AND t.oid >= 16384 AND t.typelem = 0 AND t.typrelid = 0
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_range rg WHERE rg.rngmultitypid = t.oid)
)
SELECT o.type, o.identity, f.definition, o.schema
FROM found f
CROSS JOIN LATERAL pg_catalog.pg_identify_object(f.classid, f.objid, 0) o
WHERE COALESCE(o.schema, '') NOT IN ('pg_catalog', 'information_schema') AND COALESCE(o.schema, '') NOT LIKE 'pg\_%'
  AND f.objid >= 16384
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = f.classid AND d.objid = f.objid AND d.deptype = 'e')
UNION ALL
SELECT 'table inheritance', pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(c.relname)
         || ' inherits ' || pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname),
       'ALTER TABLE ' || pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(c.relname)
         || ' INHERIT ' || pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(p.relname) || ';',
       cn.nspname
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_namespace cn ON cn.oid = c.relnamespace
JOIN pg_catalog.pg_class p ON p.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE NOT c.relispartition AND c.relkind IN ('r', 'p')
ORDER BY 1, 2
