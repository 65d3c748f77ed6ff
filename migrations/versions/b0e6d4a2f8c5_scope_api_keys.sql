-- revision: b0e6d4a2f8c5
-- down_revision: 7d3b1f9c4e26
-- message: Scope API keys
-- create_date: 2026-09-01T08:30:00Z
--
-- Existing keys keep full access; new keys default to read-only.

-- migrate:upgrade
ALTER TABLE api_keys ADD COLUMN scopes text NOT NULL DEFAULT 'read';
UPDATE api_keys SET scopes = 'read,write' WHERE revoked_at IS NULL;

-- migrate:downgrade
ALTER TABLE api_keys DROP COLUMN scopes;
