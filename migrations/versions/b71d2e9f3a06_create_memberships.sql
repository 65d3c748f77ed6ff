-- revision: b71d2e9f3a06
-- down_revision: 8a4e0c5d1f92
-- message: Create memberships
-- create_date: 2026-01-14T16:20:00Z
--
-- Which users belong to which organizations, and with what role.

-- migrate:upgrade
CREATE TABLE memberships (
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
    joined_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX ix_memberships_user ON memberships (user_id);

-- migrate:downgrade
DROP TABLE memberships;
