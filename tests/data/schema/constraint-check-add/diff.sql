-- create constraint public.t.qty_positive [access-exclusive-lock]
-- scans the table; fails if a row breaks the constraint
ALTER TABLE public.t ADD CONSTRAINT qty_positive CHECK ((qty > 0));
