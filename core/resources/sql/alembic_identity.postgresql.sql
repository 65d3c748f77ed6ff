-- Where a connection is, for naming both sides when Alembic's connection is
-- not Retort's: run by Retort on its own connection and by the Alembic
-- bridge (core/resources/python) on the connection env.py opened. The
-- address is NULL over a Unix socket.
SELECT current_database() AS database, host(inet_server_addr()) AS address, current_setting('port') AS port
