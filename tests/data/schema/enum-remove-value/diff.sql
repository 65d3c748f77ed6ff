-- alter enum public.mood [rewrites-table, access-exclusive-lock]
-- removes 'ok': a new type takes the name and every column is converted to it, which fails while a row still holds a removed value (update those rows first)
ALTER TYPE public.mood RENAME TO mood__retort_old;
CREATE TYPE public.mood AS ENUM ('sad', 'happy');
ALTER TABLE public.people ALTER COLUMN mood TYPE public.mood USING mood::text::public.mood;
DROP TYPE public.mood__retort_old;
