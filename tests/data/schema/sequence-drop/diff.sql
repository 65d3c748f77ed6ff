-- drop sequence public.counter
DROP SEQUENCE public.counter;
