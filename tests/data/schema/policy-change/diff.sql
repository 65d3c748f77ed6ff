-- drop policy public.orders.small_orders
DROP POLICY small_orders ON public.orders;

-- alter policy public.orders.small_orders
CREATE POLICY small_orders ON public.orders FOR ALL TO PUBLIC USING ((total < 50)) WITH CHECK ((total < 50));
