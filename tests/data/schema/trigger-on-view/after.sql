CREATE TABLE orders (id integer PRIMARY KEY, total integer, note text);
CREATE VIEW v AS SELECT id, total FROM orders;
CREATE FUNCTION v_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO orders (id, total) VALUES (NEW.id, NEW.total); RETURN NEW; END $$;
CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION v_insert();
