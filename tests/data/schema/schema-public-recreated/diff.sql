-- create schema public
CREATE SCHEMA public;
ALTER SCHEMA public OWNER TO pg_database_owner;

-- create comment SCHEMA public
COMMENT ON SCHEMA public IS 'standard public schema';

-- create privilege SCHEMA public PUBLIC
GRANT USAGE ON SCHEMA public TO PUBLIC;
