-- A schema with one object of most kinds the model knows, for the CLI's
-- determinism and round-trip tests.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA billing;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE address AS (street text, city text);
CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE SEQUENCE billing.invoice_numbers START 1000;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email citext NOT NULL UNIQUE,
    "Display Name" text COLLATE "C",
    mood mood DEFAULT 'ok',
    home address,
    updated_at timestamptz
);
CREATE TABLE billing.invoices (
    number integer PRIMARY KEY DEFAULT nextval('billing.invoice_numbers'),
    customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,
    qty positive,
    price numeric(10,2),
    total numeric GENERATED ALWAYS AS (qty * price) STORED,
    CONSTRAINT price_positive CHECK (price > 0)
);
ALTER SEQUENCE billing.invoice_numbers OWNED BY billing.invoices.number;
CREATE TABLE events (id bigserial, at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v jsonb);
CREATE INDEX invoices_customer ON billing.invoices (customer_id) INCLUDE (price) WHERE qty > 1;
CREATE INDEX customers_lower_email ON customers (lower(email::text));
CREATE VIEW billing.big_invoices AS SELECT number, total FROM billing.invoices WHERE total > 100;
CREATE MATERIALIZED VIEW customer_totals AS
    SELECT c.id, sum(i.total) AS total FROM customers c JOIN billing.invoices i ON i.customer_id = c.id GROUP BY c.id;
CREATE UNIQUE INDEX customer_totals_id ON customer_totals (id);
CREATE TRIGGER customers_touch BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY happy_only ON customers FOR SELECT USING (mood = 'happy');
COMMENT ON TABLE customers IS 'People who buy';
COMMENT ON COLUMN billing.invoices.total IS 'qty × price';
REVOKE EXECUTE ON FUNCTION touch() FROM PUBLIC;
GRANT USAGE ON SCHEMA billing TO PUBLIC;
GRANT SELECT ON billing.big_invoices TO PUBLIC;
