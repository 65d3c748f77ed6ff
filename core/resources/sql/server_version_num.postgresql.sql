-- The server's version as a number (170002 for 17.2): pg_dump must be at
-- least as new as the server it dumps.
SELECT current_setting('server_version_num')::int
