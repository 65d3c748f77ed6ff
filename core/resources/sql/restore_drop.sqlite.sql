-- Removes an object of the database before the backup's are copied in.
DROP {kind} IF EXISTS main.{name}
