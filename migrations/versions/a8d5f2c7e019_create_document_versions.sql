-- revision: a8d5f2c7e019
-- down_revision: 6c1e8b4d9a37
-- message: Keep earlier versions of documents
-- create_date: 2026-03-25T13:30:00Z
--
-- Every update of a document keeps the text it replaced, written by a
-- trigger so that no code path can forget it.

-- migrate:upgrade postgresql
CREATE TABLE document_versions (
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    version integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (document_id, version)
);

CREATE FUNCTION keep_document_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Only real changes make a version; touching updated_at does not.
    IF NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO document_versions (document_id, version, title, body)
        SELECT OLD.id, coalesce(max(version), 0) + 1, OLD.title, OLD.body
        FROM document_versions WHERE document_id = OLD.id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER documents_keep_version
    BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION keep_document_version();

-- migrate:upgrade sqlite
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

-- migrate:downgrade postgresql
DROP TRIGGER documents_keep_version ON documents;
DROP FUNCTION keep_document_version();
DROP TABLE document_versions;

-- migrate:downgrade sqlite
DROP TRIGGER documents_keep_version;
DROP TABLE document_versions;
