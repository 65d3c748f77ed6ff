-- Whether the version table exists in the SQLite database; {schema} is main
-- or the quoted name of an attached database.
SELECT count(*) > 0 FROM {schema}.sqlite_master WHERE type = 'table' AND name = :name
