-- Ends the transaction that took the lock; exclusive mode keeps the lock.
COMMIT
