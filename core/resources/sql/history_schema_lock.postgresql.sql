-- Runners of different version tables in one database (tenant schemas run
-- side by side) may create Retort's schema at the same moment; two
-- CREATE SCHEMA IF NOT EXISTS racing end in a unique violation for the
-- later one. This lock, held to the end of the transaction that creates the
-- tables, makes them take turns. The key is the run lock's class ('Retr',
-- RunLock::kClassId) with object 0: Retort's schema is one per database.
SELECT pg_advisory_xact_lock(1382380658, 0)
