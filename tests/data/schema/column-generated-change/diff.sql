-- alter column public.t.twice [rewrites-table, access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN twice SET EXPRESSION AS ((a * 3));
