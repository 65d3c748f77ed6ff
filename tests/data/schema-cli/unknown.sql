-- Objects of kinds the schema model does not know yet.
CREATE TABLE orders (id integer PRIMARY KEY);
CREATE RULE orders_no_delete AS ON DELETE TO orders DO INSTEAD NOTHING;
CREATE AGGREGATE my_sum (integer) (SFUNC = int4pl, STYPE = integer);
