-- Retort's runner lock on SQLite: in exclusive locking mode the connection
-- keeps the write lock it takes until it leaves that mode, across the
-- transactions of every step.
PRAGMA locking_mode = EXCLUSIVE
