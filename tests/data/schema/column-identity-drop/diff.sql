-- alter column public.t.id [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN id DROP IDENTITY;
