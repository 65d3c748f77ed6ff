-- drop constraint public.orders.orders_customer_fk [access-exclusive-lock]
ALTER TABLE public.orders DROP CONSTRAINT orders_customer_fk;

-- drop table public.customers [deletes-data, access-exclusive-lock]
DROP TABLE public.customers;
