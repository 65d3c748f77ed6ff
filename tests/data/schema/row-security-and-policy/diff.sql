-- alter row security public.orders [access-exclusive-lock]
ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

-- alter row security public.orders [access-exclusive-lock]
ALTER TABLE public.orders FORCE ROW LEVEL SECURITY;

-- create policy public.orders.no_big_inserts
CREATE POLICY no_big_inserts ON public.orders AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK ((total < 1000));

-- create policy public.orders.small_orders
CREATE POLICY small_orders ON public.orders FOR SELECT TO PUBLIC USING ((total < 100));
