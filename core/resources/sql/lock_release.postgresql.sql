-- Gives the runner lock back (closing the connection would too).
SELECT pg_advisory_unlock(?, ?)
