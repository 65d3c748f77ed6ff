-- alter column public.t.code [access-exclusive-lock]
-- fails if a value does not convert to character varying(50)
ALTER TABLE public.t ALTER COLUMN code TYPE character varying(50) USING code::character varying(50);
