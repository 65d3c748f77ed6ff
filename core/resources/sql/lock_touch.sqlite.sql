-- A read, which makes SQLite drop the lock kept in exclusive mode.
SELECT count(*) FROM retort_meta.sqlite_master
