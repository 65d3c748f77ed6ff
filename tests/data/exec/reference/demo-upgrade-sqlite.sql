-- Upgrade from base to b0e6d4a2f8c5: 16 migration(s), for sqlite.
-- Written by retort-cli 0.1.0; the statements a run would send, in its transactions.

CREATE TABLE IF NOT EXISTS "alembic_version" (
    version_num VARCHAR(32) NOT NULL,
    CONSTRAINT "alembic_version_pkc" PRIMARY KEY (version_num)
);

CREATE TABLE IF NOT EXISTS "retort_history" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    revision TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    checksum TEXT,
    script TEXT,
    script_path TEXT,
    version_after TEXT,
    db_user TEXT,
    os_user TEXT,
    started_at TEXT NOT NULL,
    duration_ms INTEGER,
    statements_done INTEGER,
    error TEXT,
    tool_version TEXT
);

-- Running upgrade  -> 3f1c9a2b7d40, Create organizations
BEGIN;

CREATE TABLE organizations (
    id integer PRIMARY KEY AUTOINCREMENT,
    name text NOT NULL,
    slug text NOT NULL UNIQUE CHECK (slug NOT GLOB '*[^a-z0-9-]*' AND slug <> ''),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

INSERT INTO "alembic_version" (version_num) VALUES ('3f1c9a2b7d40');

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('3f1c9a2b7d40', 'upgrade', 'succeeded', '8483ad51967fdb94a82789772d3e44df9ae63550196bae2e36f9872c514980f3', 'CREATE TABLE organizations (
    id integer PRIMARY KEY AUTOINCREMENT,
    name text NOT NULL,
    slug text NOT NULL UNIQUE CHECK (slug NOT GLOB ''*[^a-z0-9-]*'' AND slug <> ''''),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);', 'versions/3f1c9a2b7d40_create_organizations.sql', '3f1c9a2b7d40', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 3f1c9a2b7d40 -> 8a4e0c5d1f92, Create users
BEGIN;

CREATE TABLE users (
    id integer PRIMARY KEY AUTOINCREMENT,
    email text NOT NULL,
    display_name text NOT NULL DEFAULT '',
    password_hash text,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX ux_users_email ON users (lower(email));

UPDATE "alembic_version" SET version_num = '8a4e0c5d1f92' WHERE version_num = '3f1c9a2b7d40';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('8a4e0c5d1f92', 'upgrade', 'succeeded', 'c486b83b5a7ad972431c79af948eb6e0ed95dc11757817ea71c9c652bf9538f4', 'CREATE TABLE users (
    id integer PRIMARY KEY AUTOINCREMENT,
    email text NOT NULL,
    display_name text NOT NULL DEFAULT '''',
    password_hash text,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX ux_users_email ON users (lower(email));', 'versions/8a4e0c5d1f92_create_users.sql', '8a4e0c5d1f92', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 8a4e0c5d1f92 -> b71d2e9f3a06, Create memberships
BEGIN;

CREATE TABLE memberships (
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'admin', 'member')),
    joined_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX ix_memberships_user ON memberships (user_id);

UPDATE "alembic_version" SET version_num = 'b71d2e9f3a06' WHERE version_num = '8a4e0c5d1f92';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('b71d2e9f3a06', 'upgrade', 'succeeded', '729a271e68e374ee13ffa3c213e1e85664f198fbb334c6fadc7e25c6489abdfe', 'CREATE TABLE memberships (
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL DEFAULT ''member'' CHECK (role IN (''owner'', ''admin'', ''member'')),
    joined_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX ix_memberships_user ON memberships (user_id);', 'versions/b71d2e9f3a06_create_memberships.sql', 'b71d2e9f3a06', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade b71d2e9f3a06 -> c5902f4e8b1d, Create documents
BEGIN;

CREATE TABLE documents (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    title text NOT NULL,
    body text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX ix_documents_organization ON documents (organization_id);

UPDATE "alembic_version" SET version_num = 'c5902f4e8b1d' WHERE version_num = 'b71d2e9f3a06';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('c5902f4e8b1d', 'upgrade', 'succeeded', 'a622de69f2a2a2a27d3f386bb70e9ae46d70612207b870edfd6616dd65d41d3c', 'CREATE TABLE documents (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    title text NOT NULL,
    body text NOT NULL DEFAULT '''',
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_documents_organization ON documents (organization_id);', 'versions/c5902f4e8b1d_create_documents.sql', 'c5902f4e8b1d', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade c5902f4e8b1d -> 0d6b8e1a4c73, Create API keys
BEGIN;

CREATE TABLE api_keys (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    name text NOT NULL,
    key_prefix char(8) NOT NULL,
    key_hash blob NOT NULL UNIQUE,
    last_used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

UPDATE "alembic_version" SET version_num = '0d6b8e1a4c73' WHERE version_num = 'c5902f4e8b1d';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('0d6b8e1a4c73', 'upgrade', 'succeeded', '49db9e28a7b093dbb87962fbd6a4771724dad4da6625f4c9429821fea426a264', 'CREATE TABLE api_keys (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    created_by bigint REFERENCES users (id) ON DELETE SET NULL,
    name text NOT NULL,
    key_prefix char(8) NOT NULL,
    key_hash blob NOT NULL UNIQUE,
    last_used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);', 'versions/0d6b8e1a4c73_create_api_keys.sql', '0d6b8e1a4c73', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 0d6b8e1a4c73 -> e2a47c9d5b18, Create audit log
BEGIN;

CREATE TABLE audit_log (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint REFERENCES organizations (id) ON DELETE SET NULL,
    actor_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    action text NOT NULL,
    target_type text,
    target_id bigint,
    details text NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);

UPDATE "alembic_version" SET version_num = 'e2a47c9d5b18' WHERE version_num = '0d6b8e1a4c73';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('e2a47c9d5b18', 'upgrade', 'succeeded', '7bbe25f545a4c22b3e23105568d81e4b4500815bb7e1598f859ebc184c0d2793', 'CREATE TABLE audit_log (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint REFERENCES organizations (id) ON DELETE SET NULL,
    actor_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
    action text NOT NULL,
    target_type text,
    target_id bigint,
    details text NOT NULL DEFAULT ''{}'' CHECK (json_valid(details)),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);', 'versions/e2a47c9d5b18_create_audit_log.sql', 'e2a47c9d5b18', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade e2a47c9d5b18 -> 4b9f1d7e2c65, Create billing plans and subscriptions
BEGIN;

CREATE TABLE plans (
    id integer PRIMARY KEY AUTOINCREMENT,
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0)
);

CREATE TABLE subscriptions (
    organization_id bigint PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    plan_id bigint NOT NULL REFERENCES plans (id),
    started_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    renews_at timestamptz
);

INSERT INTO plans (code, name, price_cents) VALUES
    ('free', 'Free', 0),
    ('team', 'Team', 4900),
    ('enterprise', 'Enterprise', 29900);

UPDATE "alembic_version" SET version_num = '4b9f1d7e2c65' WHERE version_num = 'e2a47c9d5b18';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('4b9f1d7e2c65', 'upgrade', 'succeeded', '731cb84a8802088dbaa2aa8c0772c8f6885b5ffec2572fd3b87cdc58210f1349', 'CREATE TABLE plans (
    id integer PRIMARY KEY AUTOINCREMENT,
    code text NOT NULL UNIQUE,
    name text NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0)
);
CREATE TABLE subscriptions (
    organization_id bigint PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    plan_id bigint NOT NULL REFERENCES plans (id),
    started_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    renews_at timestamptz
);
INSERT INTO plans (code, name, price_cents) VALUES
    (''free'', ''Free'', 0),
    (''team'', ''Team'', 4900),
    (''enterprise'', ''Enterprise'', 29900);', 'versions/4b9f1d7e2c65_create_billing_plans.sql', '4b9f1d7e2c65', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 3, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade e2a47c9d5b18 -> 6c1e8b4d9a37, Add email verification to users
BEGIN;

ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

CREATE INDEX ix_users_email_verified ON users (email_verified);

INSERT INTO "alembic_version" (version_num) VALUES ('6c1e8b4d9a37');

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('6c1e8b4d9a37', 'upgrade', 'succeeded', '89667e7042f0d653ac8b7f74443302eab1c951b74e44c2ebe5357930ded486e3', 'ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
CREATE INDEX ix_users_email_verified ON users (email_verified);', 'versions/6c1e8b4d9a37_add_email_verification.sql', '4b9f1d7e2c65 6c1e8b4d9a37', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 3, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 6c1e8b4d9a37 -> a8d5f2c7e019, Keep earlier versions of documents
BEGIN;

CREATE TABLE document_versions (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (document_id, version)
);

CREATE TRIGGER documents_keep_version
    BEFORE UPDATE OF title, body ON documents
    FOR EACH ROW WHEN NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
BEGIN
    INSERT INTO document_versions (document_id, version, title, body)
    SELECT OLD.id, coalesce(max(version), 0) + 1, OLD.title, OLD.body
    FROM document_versions WHERE document_id = OLD.id;
END;

UPDATE "alembic_version" SET version_num = 'a8d5f2c7e019' WHERE version_num = '6c1e8b4d9a37';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('a8d5f2c7e019', 'upgrade', 'succeeded', '38df5a2a9aa3f76d748b21b22ba612cd5e5ab191955a131df5f290dcf383e2e9', 'CREATE TABLE document_versions (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (document_id, version)
);

CREATE TRIGGER documents_keep_version
    BEFORE UPDATE OF title, body ON documents
    FOR EACH ROW WHEN NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
BEGIN
    INSERT INTO document_versions (document_id, version, title, body)
    SELECT OLD.id, coalesce(max(version), 0) + 1, OLD.title, OLD.body
    FROM document_versions WHERE document_id = OLD.id;
END;', 'versions/a8d5f2c7e019_create_document_versions.sql', '4b9f1d7e2c65 a8d5f2c7e019', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade a8d5f2c7e019 -> 2c7d9b3e5a14, Add document quota to plans
BEGIN;

ALTER TABLE plans ADD COLUMN max_documents integer CHECK (max_documents IS NULL OR max_documents > 0);

UPDATE plans SET max_documents = 100 WHERE code = 'free';

UPDATE plans SET max_documents = 10000 WHERE code = 'team';

DELETE FROM "alembic_version" WHERE version_num = 'a8d5f2c7e019';

UPDATE "alembic_version" SET version_num = '2c7d9b3e5a14' WHERE version_num = '4b9f1d7e2c65';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('2c7d9b3e5a14', 'upgrade', 'succeeded', 'dbf4c42d6ff2ad43d3ee350c0aa222159d28ccb3c783d9b892f018543bbf0141', 'ALTER TABLE plans ADD COLUMN max_documents integer CHECK (max_documents IS NULL OR max_documents > 0);
UPDATE plans SET max_documents = 100 WHERE code = ''free'';
UPDATE plans SET max_documents = 10000 WHERE code = ''team'';', 'versions/2c7d9b3e5a14_add_document_quota.sql', '2c7d9b3e5a14', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 3, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 2c7d9b3e5a14 -> f03b7a9e6d52, Index audit log by time
-- transactional: false; its statements run one by one, outside a transaction
CREATE INDEX IF NOT EXISTS ix_audit_log_created_at ON audit_log (created_at);

BEGIN;

UPDATE "alembic_version" SET version_num = 'f03b7a9e6d52' WHERE version_num = '2c7d9b3e5a14';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('f03b7a9e6d52', 'upgrade', 'succeeded', '0643f62a8a4fe672b0c25b36070819901177e0ebe8e82055517bcafc560baa5c', 'CREATE INDEX IF NOT EXISTS ix_audit_log_created_at ON audit_log (created_at);', 'versions/f03b7a9e6d52_index_audit_log_by_time.sql', 'f03b7a9e6d52', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 4b9f1d7e2c65 -> 9e3c6a0f8d24, Create invoices
BEGIN;

CREATE TABLE invoices (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    number text NOT NULL UNIQUE,
    amount_cents integer NOT NULL CHECK (amount_cents >= 0),
    currency char(3) NOT NULL DEFAULT 'EUR',
    issued_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at timestamptz
);

CREATE INDEX ix_invoices_organization ON invoices (organization_id, issued_at);

INSERT INTO "alembic_version" (version_num) VALUES ('9e3c6a0f8d24');

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('9e3c6a0f8d24', 'upgrade', 'succeeded', '50148620684a800882a927164dc0590d269774ad6182b86b50323a9a9646f61e', 'CREATE TABLE invoices (
    id integer PRIMARY KEY AUTOINCREMENT,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    number text NOT NULL UNIQUE,
    amount_cents integer NOT NULL CHECK (amount_cents >= 0),
    currency char(3) NOT NULL DEFAULT ''EUR'',
    issued_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at timestamptz
);
CREATE INDEX ix_invoices_organization ON invoices (organization_id, issued_at);', 'versions/9e3c6a0f8d24_create_invoices.sql', '9e3c6a0f8d24 f03b7a9e6d52', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 9e3c6a0f8d24, f03b7a9e6d52 -> d4e8c1f6b2a9, Merge billing and documents branches
BEGIN;

DELETE FROM "alembic_version" WHERE version_num = 'f03b7a9e6d52';

UPDATE "alembic_version" SET version_num = 'd4e8c1f6b2a9' WHERE version_num = '9e3c6a0f8d24';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('d4e8c1f6b2a9', 'upgrade', 'succeeded', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', NULL, 'versions/d4e8c1f6b2a9_merge_billing_and_documents.sql', 'd4e8c1f6b2a9', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 0, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade d4e8c1f6b2a9 -> 5f2a8c6e1d93, Soft-delete documents
BEGIN;

ALTER TABLE documents ADD COLUMN deleted_at timestamptz;

CREATE INDEX ix_documents_live ON documents (organization_id) WHERE deleted_at IS NULL;

UPDATE "alembic_version" SET version_num = '5f2a8c6e1d93' WHERE version_num = 'd4e8c1f6b2a9';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('5f2a8c6e1d93', 'upgrade', 'succeeded', '62983bfbd010e15b496713b6bf34a441633682b473b32f301dd8a03028e6048c', 'ALTER TABLE documents ADD COLUMN deleted_at timestamptz;
CREATE INDEX ix_documents_live ON documents (organization_id) WHERE deleted_at IS NULL;', 'versions/5f2a8c6e1d93_soft_delete_documents.sql', '5f2a8c6e1d93', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 5f2a8c6e1d93 -> 7d3b1f9c4e26, Record last login of users
BEGIN;

ALTER TABLE users ADD COLUMN last_login_at timestamptz;

UPDATE "alembic_version" SET version_num = '7d3b1f9c4e26' WHERE version_num = '5f2a8c6e1d93';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('7d3b1f9c4e26', 'upgrade', 'succeeded', 'd42b2356f230fa5cb53fcddbc9b71c66b56957d9671e1b9dc4e1b082b701b180', 'ALTER TABLE users ADD COLUMN last_login_at timestamptz;', 'versions/7d3b1f9c4e26_record_last_login.sql', '7d3b1f9c4e26', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 1, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

-- Running upgrade 7d3b1f9c4e26 -> b0e6d4a2f8c5, Scope API keys
BEGIN;

ALTER TABLE api_keys ADD COLUMN scopes text NOT NULL DEFAULT 'read';

UPDATE api_keys SET scopes = 'read,write' WHERE revoked_at IS NULL;

UPDATE "alembic_version" SET version_num = 'b0e6d4a2f8c5' WHERE version_num = '7d3b1f9c4e26';

INSERT INTO "retort_history"
    (revision, action, outcome, checksum, script, script_path, version_after, os_user, started_at,
     duration_ms, statements_done, error, tool_version)
VALUES ('b0e6d4a2f8c5', 'upgrade', 'succeeded', '5538eb6e9ebe32d3c4a7961a5f71b3711192b5ea7921e8c814653f9c81dc214e', 'ALTER TABLE api_keys ADD COLUMN scopes text NOT NULL DEFAULT ''read'';
UPDATE api_keys SET scopes = ''read,write'' WHERE revoked_at IS NULL;', 'versions/b0e6d4a2f8c5_scope_api_keys.sql', 'b0e6d4a2f8c5', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NULL, 2, NULL, 'retort-cli 0.1.0 (offline script)');

COMMIT;

