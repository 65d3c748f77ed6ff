-- create column public.orders.status [access-exclusive-lock]
ALTER TABLE public.orders ADD COLUMN status text DEFAULT 'new'::text NOT NULL;
