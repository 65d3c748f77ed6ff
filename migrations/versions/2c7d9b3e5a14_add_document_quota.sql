-- revision: 2c7d9b3e5a14
-- down_revision: a8d5f2c7e019
-- depends_on: 4b9f1d7e2c65
-- message: Add document quota to plans
-- create_date: 2026-04-07T10:20:00Z
--
-- Needs the plans table from the billing branch, hence depends_on.

-- migrate:upgrade
ALTER TABLE plans ADD COLUMN max_documents integer CHECK (max_documents IS NULL OR max_documents > 0);
UPDATE plans SET max_documents = 100 WHERE code = 'free';
UPDATE plans SET max_documents = 10000 WHERE code = 'team';

-- migrate:downgrade
ALTER TABLE plans DROP COLUMN max_documents;
