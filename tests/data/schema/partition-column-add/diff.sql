-- create column public.events.source [access-exclusive-lock]
ALTER TABLE public.events ADD COLUMN source text;
