-- Whether a table has any row (one row read at most).
SELECT EXISTS (SELECT 1 FROM {table})
