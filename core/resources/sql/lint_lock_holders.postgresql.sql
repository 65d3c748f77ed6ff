-- Other sessions holding or waiting for a lock on a table now: a migration
-- that needs a conflicting lock queues behind them (and everything after it
-- queues behind the migration). Long transactions and idle-in-transaction
-- sessions show with their age.
SELECT a.pid, coalesce(a.usename, ''), coalesce(a.state, ''), l.mode, l.granted,
       coalesce(extract(epoch FROM clock_timestamp() - a.xact_start)::bigint, 0),
       left(regexp_replace(coalesce(a.query, ''), '\s+', ' ', 'g'), 80)
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'relation' AND l.relation = to_regclass(?) AND l.pid <> pg_backend_pid()
ORDER BY a.xact_start NULLS LAST
LIMIT 10
