-- create comment COLUMN public.orders.total
COMMENT ON COLUMN public.orders.total IS 'In cents, it''s exact';

-- create comment CONSTRAINT orders_pkey on public.orders
COMMENT ON CONSTRAINT orders_pkey on public.orders IS 'The key';

-- create comment FUNCTION public.next_code()
COMMENT ON FUNCTION public.next_code() IS 'A code';

-- create comment TABLE public.orders
COMMENT ON TABLE public.orders IS 'What customers bought';
