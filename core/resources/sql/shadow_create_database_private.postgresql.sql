-- A fresh, empty database for one replay on Retort's own shadow server
-- (PostgreSQL 15 or later): template0, copied file by file. The default
-- strategy (WAL_LOG) writes the whole template through the WAL, about three
-- times the server's work for each replay; the checkpoint that FILE_COPY
-- asks for costs little on a server that holds only scratch databases and
-- does not fsync. A shadow_url server keeps the default: a checkpoint there
-- is felt by everyone else on it.
CREATE DATABASE {name} TEMPLATE template0 STRATEGY FILE_COPY
