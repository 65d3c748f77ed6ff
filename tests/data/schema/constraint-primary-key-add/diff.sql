-- create constraint public.t.t_pkey [access-exclusive-lock]
-- builds an index; fails if rows break the constraint
ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);
