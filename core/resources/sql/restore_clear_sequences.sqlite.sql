DELETE FROM main.sqlite_sequence
