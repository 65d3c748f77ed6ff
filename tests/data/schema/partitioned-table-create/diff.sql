-- create table public.events
CREATE TABLE public.events (
    id bigint NOT NULL,
    at date NOT NULL,
    body text
) PARTITION BY RANGE (at);

-- create table public.events_2024
CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- create table public.events_default
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;

-- create index public.events_at
CREATE INDEX events_at ON public.events USING btree (at);
