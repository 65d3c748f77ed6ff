CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY small_orders ON orders FOR ALL USING (total < 50) WITH CHECK (total < 50);
