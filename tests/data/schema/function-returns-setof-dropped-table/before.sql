CREATE TABLE items (id integer PRIMARY KEY, name text);
CREATE FUNCTION all_items() RETURNS SETOF items LANGUAGE sql STABLE AS 'SELECT * FROM public.items';
CREATE TABLE kept (id integer);
