-- Retort's runner lock on SQLite, on Retort's own file (attached as
-- retort_meta): in exclusive locking mode the connection keeps the lock it
-- takes until it leaves that mode. The database itself stays in normal
-- mode, locked only by each step's transaction, so that another process —
-- an Alembic project's own Alembic — can migrate it while Retort holds the
-- run.
PRAGMA retort_meta.locking_mode = EXCLUSIVE
