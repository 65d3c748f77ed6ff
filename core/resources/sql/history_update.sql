-- Ends a step recorded as running (a non-transactional migration): its
-- outcome, duration, how many statements completed and the error, if any.
UPDATE {history_table}
SET outcome = ?, duration_ms = ?, statements_done = ?, error = ?, version_after = ?
WHERE id = ?
