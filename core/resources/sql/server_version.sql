-- The server's version string, shown after a successful connection test.
SELECT version()
