-- Reads every page of a backup: "ok" when it is sound.
PRAGMA integrity_check
