-- alter function public.next_code()
CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'x' || floor(random() * 1000)::text $function$;
