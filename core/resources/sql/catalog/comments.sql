-- Comments on the objects of the database (not the system's, not an
-- extension's members), with the target as COMMENT ON spells it and the
-- relation it belongs to, so that left-out tables leave out their comments.
SELECT CASE o.type
         WHEN 'table column' THEN 'COLUMN ' || o.identity
         WHEN 'view column' THEN 'COLUMN ' || o.identity
         WHEN 'materialized view column' THEN 'COLUMN ' || o.identity
         WHEN 'table constraint' THEN 'CONSTRAINT ' || o.identity
         WHEN 'domain constraint' THEN 'CONSTRAINT ' || pg_catalog.replace(o.identity, ' on ', ' ON DOMAIN ')
         ELSE pg_catalog.upper(o.type) || ' ' || o.identity
       END,
       d.description, o.schema, rc.relname
-- Built-in objects (access methods, casts...) are below FirstNormalObjectId;
-- of those, only the public schema's comment is the user's to change. That
-- filter comes first, so that pg_identify_object() runs for the user's few
-- comments and not the thousands of built-in ones.
FROM (SELECT * FROM pg_catalog.pg_description
      WHERE objoid >= 16384
         OR (classoid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
             AND objoid = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = 'public'))) d
CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
LEFT JOIN pg_catalog.pg_class rc ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND rc.oid = d.objoid
WHERE d.classoid <> 'pg_catalog.pg_database'::pg_catalog.regclass
  AND COALESCE(o.schema, '') NOT IN ('pg_catalog', 'information_schema') AND COALESCE(o.schema, '') NOT LIKE 'pg\_%'
  AND NOT (o.type = 'extension' AND o.identity = 'plpgsql')
  AND NOT (o.type = 'schema' AND (o.identity IN ('pg_catalog', 'information_schema') OR o.identity LIKE 'pg\_%'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
ORDER BY 1
