CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c' || floor(random() * 1000)::text $$;
COMMENT ON TABLE orders IS 'What customers bought';
COMMENT ON COLUMN orders.total IS 'In cents, it''s exact';
COMMENT ON FUNCTION next_code() IS 'A code';
COMMENT ON CONSTRAINT orders_pkey ON orders IS 'The key';
