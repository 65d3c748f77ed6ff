-- create domain public.code
CREATE DOMAIN public.code AS text COLLATE pg_catalog."C" DEFAULT 'x'::text NOT NULL;

-- create domain public.positive
CREATE DOMAIN public.positive AS integer
    CONSTRAINT positive_check CHECK ((VALUE > 0));

-- create column public.t.qty [access-exclusive-lock]
ALTER TABLE public.t ADD COLUMN qty public.positive;

-- create column public.t.c [access-exclusive-lock]
ALTER TABLE public.t ADD COLUMN c public.code;
