-- drop privilege SEQUENCE public.s retort_schema_reader
REVOKE USAGE ON SEQUENCE public.s FROM retort_schema_reader;

-- create privilege SEQUENCE public.s retort_schema_reader
GRANT USAGE ON SEQUENCE public.s TO retort_schema_reader WITH GRANT OPTION;
