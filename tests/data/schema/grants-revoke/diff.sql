-- drop privilege TABLE public.orders retort_schema_reader
REVOKE DELETE ON TABLE public.orders FROM retort_schema_reader;
