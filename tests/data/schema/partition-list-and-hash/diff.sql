-- create table public.buckets
CREATE TABLE public.buckets (
    id integer NOT NULL
) PARTITION BY HASH (id);

-- create table public.regions
CREATE TABLE public.regions (
    code text NOT NULL,
    name text
) PARTITION BY LIST (code);

-- create table public.buckets_0
CREATE TABLE public.buckets_0 PARTITION OF public.buckets FOR VALUES WITH (modulus 2, remainder 0);

-- create table public.buckets_1
CREATE TABLE public.buckets_1 PARTITION OF public.buckets FOR VALUES WITH (modulus 2, remainder 1);

-- create table public.regions_eu
CREATE TABLE public.regions_eu PARTITION OF public.regions FOR VALUES IN ('de', 'fr');
