-- The size and row estimate of a table, from the catalog (no scan): reltuples is
-- -1 for a table never vacuumed or analysed.
SELECT c.reltuples::bigint, pg_total_relation_size(c.oid)
FROM pg_class c
WHERE c.oid = to_regclass(?)
