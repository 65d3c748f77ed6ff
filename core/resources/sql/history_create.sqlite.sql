-- The history of what Retort ran against this database: one row per step
-- applied, reverted or stamped, and per backup. Times are ISO 8601 UTC text.
CREATE TABLE IF NOT EXISTS {history_table} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    revision TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    checksum TEXT,
    script TEXT,
    script_path TEXT,
    version_after TEXT,
    db_user TEXT,
    os_user TEXT,
    started_at TEXT NOT NULL,
    duration_ms INTEGER,
    statements_done INTEGER,
    error TEXT,
    tool_version TEXT
)
