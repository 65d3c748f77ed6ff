CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);
