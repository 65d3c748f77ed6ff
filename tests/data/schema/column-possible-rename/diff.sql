-- drop column public.people.full_name [deletes-data, access-exclusive-lock, possible-rename]
-- possible rename: full_name was dropped and display_name of the same type added; if it is a rename, ALTER TABLE public.people RENAME COLUMN full_name TO display_name keeps the data
ALTER TABLE public.people DROP COLUMN full_name;

-- create column public.people.display_name [access-exclusive-lock, possible-rename]
-- possible rename of full_name (see its drop above)
ALTER TABLE public.people ADD COLUMN display_name text;
