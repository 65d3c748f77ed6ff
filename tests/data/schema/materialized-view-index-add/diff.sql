-- create index public.order_totals_total
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX order_totals_total ON public.order_totals USING btree (total);
