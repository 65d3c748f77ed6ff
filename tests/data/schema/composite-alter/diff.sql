-- alter composite type public.address
ALTER TYPE public.address ALTER ATTRIBUTE city TYPE character varying(80), ADD ATTRIBUTE zip text COLLATE pg_catalog."C";
