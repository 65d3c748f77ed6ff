-- Back to normal locking; the lock goes at the next read.
PRAGMA locking_mode = NORMAL
