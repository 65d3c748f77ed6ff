-- Records a step in the same round trip as the step itself (see
-- db/pipeline.h): its start and duration come from the server, the start of
-- the step's transaction and the time since.
INSERT INTO {history_table}
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(),
        (extract(epoch FROM clock_timestamp() - now()) * 1000)::bigint, ?, ?, ?)
RETURNING id
