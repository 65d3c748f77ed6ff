-- Records one step; the id comes back so that a step still running can be
-- updated when it ends.
INSERT INTO {history_table}
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING id
