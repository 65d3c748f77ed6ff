-- create enum public.mood
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');

-- create column public.people.mood [access-exclusive-lock]
ALTER TABLE public.people ADD COLUMN mood public.mood DEFAULT 'ok'::public.mood;
