-- The cluster's system identifier: the same for every database of one
-- server, different for every other server (initdb picks it).
SELECT CAST(system_identifier AS text) AS system_identifier FROM pg_control_system()
