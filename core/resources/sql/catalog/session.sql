-- Before reading the catalogs: an empty search_path, so that the server's
-- printers (format_type, pg_get_expr, pg_get_viewdef...) qualify every name
-- and the same schema reads the same whatever the role's settings; and the
-- server's version, to refuse what is older than the model knows.
SELECT pg_catalog.set_config('search_path', '', false), pg_catalog.current_setting('server_version_num')::int
