-- create table public.items
CREATE TABLE public.items (
    id integer
);

-- create function public.all_items()
CREATE OR REPLACE FUNCTION public.all_items()
 RETURNS SETOF public.items
 LANGUAGE sql
 STABLE
BEGIN ATOMIC
 SELECT items.id
    FROM public.items;
END;
