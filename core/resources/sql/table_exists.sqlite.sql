-- Whether a table exists; the parameter is its plain name.
SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?
