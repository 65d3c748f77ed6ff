-- create privilege FUNCTION public.next_code() PUBLIC
REVOKE EXECUTE ON FUNCTION public.next_code() FROM PUBLIC;

-- create privilege FUNCTION public.next_code() retort_schema_reader
GRANT EXECUTE ON FUNCTION public.next_code() TO retort_schema_reader;

-- create privilege SCHEMA app retort_schema_reader
GRANT USAGE ON SCHEMA app TO retort_schema_reader;
