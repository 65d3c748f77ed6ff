CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON orders USING (true);
