-- drop comment COLUMN public.orders.note
COMMENT ON COLUMN public.orders.note IS NULL;

-- alter comment TABLE public.orders
COMMENT ON TABLE public.orders IS 'new';
