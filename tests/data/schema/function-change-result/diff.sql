-- drop view public.answers
-- created again below
DROP VIEW public.answers;

-- drop function public.answer()
DROP FUNCTION public.answer();

-- alter function public.answer()
CREATE OR REPLACE FUNCTION public.answer()
 RETURNS bigint
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT 42::bigint $function$;

-- alter view public.answers
CREATE VIEW public.answers AS
SELECT public.answer() AS a;
