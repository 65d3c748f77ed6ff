-- create extension citext
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

-- create column public.t.email [access-exclusive-lock]
ALTER TABLE public.t ADD COLUMN email public.citext;

-- create comment EXTENSION citext
COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';
