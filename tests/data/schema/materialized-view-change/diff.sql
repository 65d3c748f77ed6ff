-- drop materialized view public.order_totals
-- created again below
DROP MATERIALIZED VIEW public.order_totals;

-- create index public.order_totals_id
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE UNIQUE INDEX order_totals_id ON public.order_totals USING btree (id);

-- alter materialized view public.order_totals
CREATE MATERIALIZED VIEW public.order_totals AS
SELECT id,
    total,
    note
   FROM public.orders;
