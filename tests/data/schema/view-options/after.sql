CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE VIEW v WITH (security_barrier) AS SELECT id, total FROM orders WHERE total > 0 WITH LOCAL CHECK OPTION;
