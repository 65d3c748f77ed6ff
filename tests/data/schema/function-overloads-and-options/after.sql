CREATE FUNCTION area(r double precision) RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT pi() * r * r $$;
CREATE FUNCTION area(w integer, h integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT w * h $$;
CREATE FUNCTION set_counter(INOUT n integer, step integer DEFAULT 1) LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$ BEGIN n := n + step; END $$;
