-- A shadow database is thrown away after one replay: its commits need not
-- wait for the disk. A migration run one transaction per revision would
-- otherwise wait for a WAL flush per revision, which psql -1 never does.
ALTER DATABASE {name} SET synchronous_commit = off
