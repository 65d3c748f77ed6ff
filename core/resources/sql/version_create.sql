-- The version table as Alembic creates it, so that either tool can take over:
-- one row per applied head.
CREATE TABLE IF NOT EXISTS {version_table} (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT {version_pk} PRIMARY KEY (version_num)
)
