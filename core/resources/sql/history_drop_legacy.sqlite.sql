-- The old history table, once its rows were copied to Retort's own file.
DROP TABLE {legacy_table}
