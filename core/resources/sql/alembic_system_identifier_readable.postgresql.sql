-- Whether this role may read the cluster's system identifier (PostgreSQL
-- grants pg_control_system() to superusers and pg_monitor only); asked first
-- so that a role without the right gets no error inside env.py's session.
SELECT has_function_privilege('pg_control_system()', 'EXECUTE') AS readable
