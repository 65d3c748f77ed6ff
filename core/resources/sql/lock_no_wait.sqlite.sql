-- Fail at once when another connection holds the database; Retort retries.
PRAGMA busy_timeout = 0
