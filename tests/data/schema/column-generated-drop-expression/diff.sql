-- alter column public.t.twice [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN twice DROP EXPRESSION;
