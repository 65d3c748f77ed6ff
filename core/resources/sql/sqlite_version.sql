-- The SQLite library's version, shown after a successful connection test.
SELECT sqlite_version()
