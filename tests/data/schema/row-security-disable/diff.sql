-- drop policy public.orders.p
DROP POLICY p ON public.orders;

-- alter row security public.orders [access-exclusive-lock]
ALTER TABLE public.orders DISABLE ROW LEVEL SECURITY;
