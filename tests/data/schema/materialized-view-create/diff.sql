-- create index public.order_totals_id
CREATE UNIQUE INDEX order_totals_id ON public.order_totals USING btree (id);

-- create materialized view public.order_totals
CREATE MATERIALIZED VIEW public.order_totals AS
SELECT id,
    total
   FROM public.orders;
