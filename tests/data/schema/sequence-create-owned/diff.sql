-- create sequence public.t_id_seq
CREATE SEQUENCE public.t_id_seq AS integer INCREMENT BY 5 MINVALUE 1 MAXVALUE 2147483647 START WITH 100 CACHE 10 NO CYCLE;

-- alter column public.t.id [access-exclusive-lock]
ALTER TABLE public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);

-- alter sequence public.t_id_seq
ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;
