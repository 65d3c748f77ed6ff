-- create function public.area(r double precision)
CREATE OR REPLACE FUNCTION public.area(r double precision)
 RETURNS double precision
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE STRICT
AS $function$ SELECT pi() * r * r $function$;

-- create function public.area(w integer, h integer)
CREATE OR REPLACE FUNCTION public.area(w integer, h integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT w * h $function$;

-- create function public.set_counter(INOUT n integer, step integer)
CREATE OR REPLACE FUNCTION public.set_counter(INOUT n integer, step integer DEFAULT 1)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog'
AS $function$ BEGIN n := n + step; END $function$;
