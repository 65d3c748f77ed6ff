-- alter constraint public.orders.orders_customer_fk
-- scans the table; fails if a row breaks the constraint
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk;
