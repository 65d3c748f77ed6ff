CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
