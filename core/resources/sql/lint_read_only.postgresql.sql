-- Live lint checks only read: every check runs in its own read-only
-- transaction, rolled back afterwards.
SET TRANSACTION READ ONLY
