CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE RULE orders_no_delete AS ON DELETE TO orders DO INSTEAD NOTHING;
