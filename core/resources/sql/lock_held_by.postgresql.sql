-- Whether the runner lock is still held by the lock's own connection (its
-- backend pid), asked from the migration connection inside each step's
-- transaction, so that a lost lock stops the step before it commits.
SELECT count(*) > 0
FROM pg_locks
WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 2 AND pid = ? AND granted
