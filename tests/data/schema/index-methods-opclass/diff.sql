-- create index public.t_a_desc
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_a_desc ON public.t USING btree (a DESC NULLS LAST);

-- create index public.t_a_hash
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_a_hash ON public.t USING hash (a);

-- create index public.t_at
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_at ON public.t USING brin (at);

-- create index public.t_b_pattern
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_b_pattern ON public.t USING btree (b text_pattern_ops);

-- create index public.t_tags
-- blocks writes to the table while it builds (CREATE INDEX CONCURRENTLY does not, outside a transaction)
CREATE INDEX t_tags ON public.t USING gin (tags);
