CREATE TABLE orders (id integer PRIMARY KEY, total bigint, note text);
CREATE VIEW totals AS SELECT id, total FROM orders;
