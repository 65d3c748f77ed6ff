CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'elated');
CREATE TABLE customers (id integer PRIMARY KEY, mood mood);
CREATE TABLE orders (id integer PRIMARY KEY, total numeric(12,2) NOT NULL DEFAULT 0, note text, customer_id integer REFERENCES customers);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE VIEW v AS SELECT o.id, o.total, c.mood FROM orders o LEFT JOIN customers c ON c.id = o.customer_id;
COMMENT ON VIEW v IS 'orders with moods';
