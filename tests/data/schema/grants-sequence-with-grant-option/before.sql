DO $$ BEGIN CREATE ROLE retort_schema_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE SEQUENCE s;
GRANT USAGE ON SEQUENCE s TO retort_schema_reader;
