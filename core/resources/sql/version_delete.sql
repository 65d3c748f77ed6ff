-- A branch ends (reverted to its base, or merged into another head).
DELETE FROM {version_table} WHERE version_num = ?
