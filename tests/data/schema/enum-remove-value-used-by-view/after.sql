CREATE TYPE status AS ENUM ('draft', 'published');
CREATE TABLE posts (id integer PRIMARY KEY, status status NOT NULL DEFAULT 'draft', history status[]);
CREATE INDEX posts_status ON posts (status);
CREATE VIEW published_posts AS SELECT id FROM posts WHERE status = 'published';
