-- AUTOINCREMENT counters, as the backup had them.
INSERT INTO main.sqlite_sequence SELECT * FROM retort_backup.sqlite_sequence
