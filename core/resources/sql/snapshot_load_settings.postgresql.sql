-- Loading a schema snapshot: functions may name tables created after them,
-- and every name in the snapshot is schema-qualified.
SET LOCAL check_function_bodies = false
