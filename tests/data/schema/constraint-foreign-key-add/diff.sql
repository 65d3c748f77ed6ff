-- create constraint public.orders.orders_customer_id_fkey [access-exclusive-lock]
-- scans the table; fails if a row breaks the constraint
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id) ON UPDATE SET NULL ON DELETE CASCADE;
