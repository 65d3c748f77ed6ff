-- alter column public.t.a [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to bigint
ALTER TABLE public.t ALTER COLUMN a TYPE bigint USING a::bigint;
