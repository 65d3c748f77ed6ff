-- Whether a table exists in an attached database {schema}; the parameter is
-- its plain name.
SELECT count(*) > 0 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?
