-- alter column public.t.n [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN n SET DEFAULT 2;

-- alter column public.t.s [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN s SET DEFAULT 'x'::text;
