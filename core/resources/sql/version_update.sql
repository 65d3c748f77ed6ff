-- A head moves: the common case of one migration up or down.
UPDATE {version_table} SET version_num = ? WHERE version_num = ?
