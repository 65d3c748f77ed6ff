-- create composite type public.address
CREATE TYPE public.address AS (
    street text,
    city text
);

-- create column public.t.home [access-exclusive-lock]
ALTER TABLE public.t ADD COLUMN home public.address;
