-- alter column public.t.twice [deletes-data, rewrites-table, access-exclusive-lock]
-- PostgreSQL cannot turn an existing column into a generated one: it is dropped (with its values) and added again, computed, at the end of the table
ALTER TABLE public.t DROP COLUMN twice;
ALTER TABLE public.t ADD COLUMN twice integer GENERATED ALWAYS AS ((a * 2)) STORED;
