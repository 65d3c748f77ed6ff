-- revision: 6c1e8b4d9a37
-- down_revision: e2a47c9d5b18
-- message: Add email verification to users
-- create_date: 2026-03-11T15:40:00Z

-- migrate:upgrade
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
CREATE INDEX ix_users_email_verified ON users (email_verified);

-- migrate:downgrade
DROP INDEX ix_users_email_verified;
ALTER TABLE users DROP COLUMN email_verified_at;
ALTER TABLE users DROP COLUMN email_verified;
