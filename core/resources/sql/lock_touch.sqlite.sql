-- A read, which makes SQLite drop the lock kept in exclusive mode.
SELECT count(*) FROM sqlite_master
