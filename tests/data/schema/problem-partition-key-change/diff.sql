-- alter table public.events
-- PROBLEM: PostgreSQL cannot change how an existing table is partitioned: create the new table, copy the rows and swap the names by hand
-- CREATE TABLE public.events (
--     id bigint NOT NULL,
--     at date NOT NULL,
--     body text
-- ) PARTITION BY LIST (at);

-- alter partition public.events_2024 [access-exclusive-lock]
ALTER TABLE public.events DETACH PARTITION public.events_2024;

-- alter partition public.events_2024
-- scans the table to check the partition bound
ALTER TABLE public.events ATTACH PARTITION public.events_2024 FOR VALUES IN ('2024-01-01');
