CREATE TABLE kept (id integer);
CREATE TABLE zz_items (id integer);
CREATE FUNCTION a_item_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM public.zz_items';
