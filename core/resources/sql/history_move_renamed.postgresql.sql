-- A history table kept by an older Retort beside a version table in a
-- schema of its own (a tenant's) moves to Retort's schema under a name
-- that says whose it is ({history_name}), with its rows and its identity
-- sequence. One DO block, so that the rename and the move happen together
-- or not at all (run under the runner lock).
DO $retort$
BEGIN
    ALTER TABLE {legacy_table} RENAME TO {history_name};
    ALTER TABLE {legacy_schema}.{history_name} SET SCHEMA {schema};
END
$retort$
