-- Retort's runner lock: a session-level advisory lock, held by a connection
-- of its own for a whole run. classid 1382380658 ('Retr'), objid from the
-- version table's name (see README, "One runner at a time").
SELECT pg_try_advisory_lock(?, ?)
