-- Whether this session still holds the runner lock: checked before each
-- step, so a lost lock connection stops the run instead of letting a second
-- runner in beside it.
SELECT count(*) > 0
FROM pg_locks
WHERE locktype = 'advisory' AND classid = ? AND objid = ? AND objsubid = 2
  AND pid = pg_backend_pid() AND granted
