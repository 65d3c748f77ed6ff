-- create table public.zz_items
CREATE TABLE public.zz_items (
    id integer
);

-- create function public.a_item_count()
CREATE OR REPLACE FUNCTION public.a_item_count()
 RETURNS bigint
 LANGUAGE sql
 STABLE
AS $function$SELECT count(*) FROM public.zz_items$function$;
