-- alter enum value public.mood.'glad' [not-in-transaction]
-- later changes use the new value, which PostgreSQL allows only after this statement's transaction commits
ALTER TYPE public.mood ADD VALUE 'glad' AFTER 'happy';

-- alter column public.people.mood [access-exclusive-lock]
ALTER TABLE public.people ALTER COLUMN mood SET DEFAULT 'glad'::public.mood;
