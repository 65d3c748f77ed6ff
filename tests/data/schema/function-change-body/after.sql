CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' || floor(random() * 1000)::text $$;
