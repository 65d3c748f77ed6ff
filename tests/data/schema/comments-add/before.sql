CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::text $$;
