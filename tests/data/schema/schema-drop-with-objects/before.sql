CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id integer PRIMARY KEY);
CREATE SEQUENCE billing.numbers;
CREATE FUNCTION billing.f() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
