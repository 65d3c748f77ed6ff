CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE VIEW v AS SELECT id, total FROM orders;
COMMENT ON VIEW v IS 'kept';
