-- alter column public.t.n [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to integer
ALTER TABLE public.t ALTER COLUMN n TYPE integer USING n::integer;
