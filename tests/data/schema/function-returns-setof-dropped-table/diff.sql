-- drop function public.all_items()
DROP FUNCTION public.all_items();

-- drop table public.items [deletes-data, access-exclusive-lock]
DROP TABLE public.items;
