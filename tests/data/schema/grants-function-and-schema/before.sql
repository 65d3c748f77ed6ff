DO $$ BEGIN CREATE ROLE retort_schema_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SCHEMA app;
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::text $$;
