-- create function public.next_code()
CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'c' || floor(random() * 1000)::text $function$;

-- alter column public.t.code [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN code SET DEFAULT public.next_code();
