DO $$ BEGIN CREATE ROLE retort_schema_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::text $$;
REVOKE EXECUTE ON FUNCTION next_code() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION next_code() TO retort_schema_reader;
GRANT USAGE ON SCHEMA app TO retort_schema_reader;
