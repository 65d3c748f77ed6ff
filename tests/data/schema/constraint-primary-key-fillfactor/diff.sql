-- drop constraint public.t.t_pkey [access-exclusive-lock]
-- created again below
ALTER TABLE public.t DROP CONSTRAINT t_pkey;

-- alter constraint public.t.t_pkey [access-exclusive-lock]
-- builds an index; fails if rows break the constraint
ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor=90);
