-- create column public.t.total [rewrites-table, access-exclusive-lock]
ALTER TABLE public.t ADD COLUMN total integer GENERATED ALWAYS AS ((a + b)) STORED;
