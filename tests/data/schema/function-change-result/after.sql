CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 42::bigint $$;
CREATE VIEW answers AS SELECT answer() AS a;
