CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY, extra text);
CREATE TABLE retort_history (id serial);
CREATE SCHEMA retort;
CREATE TABLE retort.state (id integer);
CREATE TABLE real_table (id integer);
