-- alter enum public.mood
-- the values are reordered: a new type takes the name and every column is converted to it
ALTER TYPE public.mood RENAME TO mood__retort_old;
CREATE TYPE public.mood AS ENUM ('happy', 'ok', 'sad');
DROP TYPE public.mood__retort_old;
