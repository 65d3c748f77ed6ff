-- The backup, opened beside the database for a restore in one transaction.
ATTACH DATABASE ? AS retort_backup
