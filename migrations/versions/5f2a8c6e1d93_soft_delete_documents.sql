-- revision: 5f2a8c6e1d93
-- down_revision: d4e8c1f6b2a9
-- message: Soft-delete documents
-- create_date: 2026-05-06T09:00:00Z

-- migrate:upgrade
ALTER TABLE documents ADD COLUMN deleted_at timestamptz;
CREATE INDEX ix_documents_live ON documents (organization_id) WHERE deleted_at IS NULL;

-- migrate:downgrade
-- Rows that were soft-deleted come back as live documents.
DROP INDEX ix_documents_live;
ALTER TABLE documents DROP COLUMN deleted_at;
