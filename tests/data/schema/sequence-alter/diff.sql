-- alter sequence public.counter
ALTER SEQUENCE public.counter AS bigint INCREMENT BY 10 MINVALUE 1 MAXVALUE 100000 START WITH 1 CACHE 1 CYCLE;
