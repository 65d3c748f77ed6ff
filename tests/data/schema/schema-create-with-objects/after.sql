CREATE SCHEMA billing;
CREATE TYPE billing.currency AS ENUM ('EUR', 'USD');
CREATE TABLE billing.invoices (id integer PRIMARY KEY, currency billing.currency NOT NULL);
CREATE VIEW billing.eur AS SELECT id FROM billing.invoices WHERE currency = 'EUR';
