DO $$ BEGIN CREATE ROLE retort_schema_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
GRANT SELECT ON orders TO retort_schema_reader;
