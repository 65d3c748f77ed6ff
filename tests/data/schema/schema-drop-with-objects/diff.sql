-- drop table billing.invoices [deletes-data, access-exclusive-lock]
DROP TABLE billing.invoices;

-- drop sequence billing.numbers
DROP SEQUENCE billing.numbers;

-- drop function billing.f()
DROP FUNCTION billing.f();

-- drop schema billing
DROP SCHEMA billing;
