-- Removes an object the backup does not have, before the backup's own
-- objects are restored, in the restore's single transaction.
DROP {kind} IF EXISTS {name} CASCADE;
