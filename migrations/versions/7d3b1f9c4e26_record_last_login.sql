-- revision: 7d3b1f9c4e26
-- down_revision: 5f2a8c6e1d93
-- message: Record last login of users
-- create_date: 2026-06-18T14:25:00Z

-- migrate:upgrade
ALTER TABLE users ADD COLUMN last_login_at timestamptz;

-- migrate:downgrade
ALTER TABLE users DROP COLUMN last_login_at;
