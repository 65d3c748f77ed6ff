-- revision: d4e8c1f6b2a9
-- down_revision: 9e3c6a0f8d24, f03b7a9e6d52
-- message: Merge billing and documents branches
-- create_date: 2026-04-20T12:00:00Z

-- migrate:upgrade

-- migrate:downgrade
