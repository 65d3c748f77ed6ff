CREATE TABLE orders (id integer PRIMARY KEY, total numeric, note text);
CREATE VIEW totals AS SELECT id, total FROM orders;
CREATE VIEW top_totals AS SELECT id FROM totals WHERE total > 10;
CREATE VIEW notes AS SELECT note FROM orders;
