CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::text $$;
CREATE TABLE t (code text DEFAULT next_code());
