CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE MATERIALIZED VIEW order_totals AS SELECT id, total FROM orders;
CREATE INDEX order_totals_total ON order_totals (total);
