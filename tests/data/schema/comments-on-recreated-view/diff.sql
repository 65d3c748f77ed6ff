-- drop view public.v
-- created again below
DROP VIEW public.v;

-- alter column public.orders.total [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to bigint
ALTER TABLE public.orders ALTER COLUMN total TYPE bigint USING total::bigint;

-- alter view public.v
CREATE VIEW public.v AS
SELECT id,
    total
   FROM public.orders;

-- create comment VIEW public.v
COMMENT ON VIEW public.v IS 'kept';
