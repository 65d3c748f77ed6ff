-- drop view public.v
-- created again below
DROP VIEW public.v;

-- alter enum value public.mood.'elated'
ALTER TYPE public.mood ADD VALUE 'elated' AFTER 'happy';

-- create table public.customers
CREATE TABLE public.customers (
    id integer NOT NULL,
    mood public.mood
);

-- create column public.orders.customer_id [access-exclusive-lock]
ALTER TABLE public.orders ADD COLUMN customer_id integer;

-- alter column public.orders.total [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to numeric(12,2); scans the table and fails if a row holds NULL
ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2) USING total::numeric(12,2),
    ALTER COLUMN total SET DEFAULT 0,
    ALTER COLUMN total SET NOT NULL;

-- create constraint public.customers.customers_pkey
ALTER TABLE public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

-- create index public.orders_customer
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX orders_customer ON public.orders USING btree (customer_id);

-- create constraint public.orders.orders_customer_id_fkey [access-exclusive-lock]
-- scans the table; fails if a row breaks the constraint
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

-- alter view public.v
CREATE VIEW public.v AS
SELECT o.id,
    o.total,
    c.mood
   FROM (public.orders o
     LEFT JOIN public.customers c ON ((c.id = o.customer_id)));

-- create comment VIEW public.v
COMMENT ON VIEW public.v IS 'orders with moods';
