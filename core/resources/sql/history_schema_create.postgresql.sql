-- The schema of Retort's own tables, apart from the application's: an
-- Alembic project's autogenerate and `alembic check` compare only the
-- default schema, so they never see it. {schema} is the quoted name.
CREATE SCHEMA IF NOT EXISTS {schema}
