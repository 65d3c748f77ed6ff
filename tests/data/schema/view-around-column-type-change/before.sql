CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE VIEW totals AS SELECT id, total FROM orders;
