-- drop constraint public.orders.orders_customer_fk [access-exclusive-lock]
-- created again below
ALTER TABLE public.orders DROP CONSTRAINT orders_customer_fk;

-- alter constraint public.orders.orders_customer_fk [access-exclusive-lock]
-- scans the table; fails if a row breaks the constraint
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(id) DEFERRABLE INITIALLY DEFERRED;
