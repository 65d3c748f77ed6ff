-- drop table public.events_2025 [deletes-data, access-exclusive-lock]
DROP TABLE public.events_2025;
