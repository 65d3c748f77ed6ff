-- alter column public.t.name [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to text
ALTER TABLE public.t ALTER COLUMN name TYPE text COLLATE pg_catalog."C" USING name::text;
