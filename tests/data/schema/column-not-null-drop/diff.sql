-- alter column public.t.n [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN n DROP NOT NULL;
