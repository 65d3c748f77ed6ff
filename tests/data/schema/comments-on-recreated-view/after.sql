CREATE TABLE orders (id integer PRIMARY KEY, total bigint, note text);
CREATE VIEW v AS SELECT id, total FROM orders;
COMMENT ON VIEW v IS 'kept';
