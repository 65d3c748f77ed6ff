-- Run by the Alembic bridge on the connection env.py opened, before Alembic
-- sends anything: whether Retort's lock connection (its backend pid and its
-- application_name, which carries a random nonce) holds Retort's run lock in
-- this very database. It proves that Alembic migrates the database Retort
-- locked, backed up and planned against, and needs no superuser: pg_locks and
-- the pid and application_name of pg_stat_activity are visible to every role.
-- The parameters are SQLAlchemy's named binds.
SELECT EXISTS (
    SELECT 1
    FROM pg_locks AS l
    JOIN pg_stat_activity AS a ON a.pid = l.pid
    WHERE l.locktype = 'advisory'
      AND l.granted
      AND l.objsubid = 2
      AND l.pid = :pid
      AND a.application_name = :application_name
      AND CAST(l.classid AS bigint) = :classid
      AND CAST(l.objid AS bigint) = :objid
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
) AS held
