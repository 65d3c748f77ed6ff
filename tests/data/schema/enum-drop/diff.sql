-- drop column public.people.mood [deletes-data, access-exclusive-lock]
ALTER TABLE public.people DROP COLUMN mood;

-- drop enum public.mood
DROP TYPE public.mood;
