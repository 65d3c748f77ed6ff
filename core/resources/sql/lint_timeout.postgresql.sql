-- A live lint check gives up after this long (milliseconds), and never
-- waits for a lock.
SELECT set_config('statement_timeout', ?, true), set_config('lock_timeout', '100ms', true)
