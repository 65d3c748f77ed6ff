-- Indexes left INVALID, as a failed or cancelled CREATE INDEX CONCURRENTLY
-- leaves them; compared before and after a non-transactional migration.
SELECT format('%I.%I', n.nspname, c.relname)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid
ORDER BY 1
