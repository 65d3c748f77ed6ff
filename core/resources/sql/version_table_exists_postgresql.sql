-- Whether the version table exists. The bound name is the quoted table name,
-- schema-qualified when the project names a schema; unqualified, it is looked
-- up on the search_path, as Alembic does. to_regclass gives NULL, not an
-- error, for a table that is not there.
SELECT to_regclass(:name) IS NOT NULL
