-- Whether a table exists; the parameter is its quoted, possibly qualified name.
SELECT to_regclass(?) IS NOT NULL
