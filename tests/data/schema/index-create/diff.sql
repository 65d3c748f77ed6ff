-- create index public.t_a_live
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE UNIQUE INDEX t_a_live ON public.t USING btree (a) WHERE (NOT deleted);

-- create index public.t_b
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_b ON public.t USING btree (b);
