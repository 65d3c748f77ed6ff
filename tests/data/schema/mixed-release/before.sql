CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE VIEW v AS SELECT id, total FROM orders;
