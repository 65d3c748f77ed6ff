-- alter column public.t.n [access-exclusive-lock]
-- scans the table and fails if a row holds NULL
ALTER TABLE public.t ALTER COLUMN n SET NOT NULL;
