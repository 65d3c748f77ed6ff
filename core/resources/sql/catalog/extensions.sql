-- Installed extensions except plpgsql, which every database has.
SELECT e.extname, n.nspname, e.extversion
FROM pg_catalog.pg_extension e
JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
ORDER BY 1
