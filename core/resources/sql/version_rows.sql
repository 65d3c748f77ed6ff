-- The version table's rows: one per applied head, as Alembic keeps them.
-- {table} is the quoted, possibly schema-qualified table name.
SELECT version_num FROM {table}
