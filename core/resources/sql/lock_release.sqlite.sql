-- Back to normal locking; the lock goes at the next read.
PRAGMA retort_meta.locking_mode = NORMAL
