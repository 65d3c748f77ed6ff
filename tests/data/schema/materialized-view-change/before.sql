CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE MATERIALIZED VIEW order_totals AS SELECT id, total FROM orders;
CREATE UNIQUE INDEX order_totals_id ON order_totals (id);
