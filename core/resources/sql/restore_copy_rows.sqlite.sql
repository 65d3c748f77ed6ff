-- The rows of one table, from the backup.
INSERT INTO main.{name} SELECT * FROM retort_backup.{name}
