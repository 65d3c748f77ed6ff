-- create table public.a
CREATE TABLE public.a (
    x integer NOT NULL,
    y integer NOT NULL
);

-- create table public.b
CREATE TABLE public.b (
    x integer,
    y integer
);

-- create constraint public.a.a_pkey
ALTER TABLE public.a ADD CONSTRAINT a_pkey PRIMARY KEY (x, y);

-- create constraint public.b.b_x_y_fkey
ALTER TABLE public.b ADD CONSTRAINT b_x_y_fkey FOREIGN KEY (x, y) REFERENCES public.a(x, y) MATCH FULL;
