-- The applied heads.
SELECT version_num FROM {version_table} ORDER BY version_num
