CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
COMMENT ON TABLE orders IS 'old';
COMMENT ON COLUMN orders.note IS 'gone soon';
