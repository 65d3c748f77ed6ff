-- create constraint public.orders.orders_customer_fk [access-exclusive-lock]
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID;
