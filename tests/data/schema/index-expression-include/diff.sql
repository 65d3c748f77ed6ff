-- create index public.t_lower_b
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_lower_b ON public.t USING btree (lower(b)) INCLUDE (a);
