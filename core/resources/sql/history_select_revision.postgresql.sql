-- The recorded steps of one revision, oldest first.
SELECT id, revision, action, outcome, checksum, script, script_path, version_after, db_user, os_user,
       to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), duration_ms, statements_done,
       error, tool_version
FROM {history_table}
WHERE revision = ?
ORDER BY id
