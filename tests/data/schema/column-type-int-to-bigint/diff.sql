-- alter column public.t.n [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to bigint
ALTER TABLE public.t ALTER COLUMN n DROP DEFAULT,
    ALTER COLUMN n TYPE bigint USING n::bigint,
    ALTER COLUMN n SET DEFAULT 1;
