-- alter domain public.positive
ALTER DOMAIN public.positive SET DEFAULT 1;
ALTER DOMAIN public.positive SET NOT NULL;
ALTER DOMAIN public.positive DROP CONSTRAINT positive_check;
ALTER DOMAIN public.positive ADD CONSTRAINT positive_check CHECK ((VALUE >= 1));
ALTER DOMAIN public.positive ADD CONSTRAINT small CHECK ((VALUE < 1000));
