-- create schema billing
CREATE SCHEMA billing;

-- create enum billing.currency
CREATE TYPE billing.currency AS ENUM ('EUR', 'USD');

-- create table billing.invoices
CREATE TABLE billing.invoices (
    id integer NOT NULL,
    currency billing.currency NOT NULL
);

-- create constraint billing.invoices.invoices_pkey
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_pkey PRIMARY KEY (id);

-- create view billing.eur
CREATE VIEW billing.eur AS
SELECT id
   FROM billing.invoices
  WHERE (currency = 'EUR'::billing.currency);
