-- create constraint public.t.t_email_key [access-exclusive-lock]
-- builds an index; fails if rows break the constraint
ALTER TABLE public.t ADD CONSTRAINT t_email_key UNIQUE (email);
