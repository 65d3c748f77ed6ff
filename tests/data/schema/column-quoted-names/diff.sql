-- create column public."Order"."from date" [access-exclusive-lock]
ALTER TABLE public."Order" ADD COLUMN "from date" date;

-- alter column public."Order"."Select" [rewrites-table, access-exclusive-lock]
-- fails if a value does not convert to bigint
ALTER TABLE public."Order" ALTER COLUMN "Select" TYPE bigint USING "Select"::bigint;
