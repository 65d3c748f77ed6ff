-- A new branch begins: one more head.
INSERT INTO {version_table} (version_num) VALUES (?)
