-- This session's backend, named in the lock check of each step.
SELECT pg_backend_pid()
