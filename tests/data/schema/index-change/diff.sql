-- drop index public.t_idx [access-exclusive-lock]
-- created again below
DROP INDEX public.t_idx;

-- alter index public.t_idx
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_idx ON public.t USING btree (a, b);
