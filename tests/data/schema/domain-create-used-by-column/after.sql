CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE DOMAIN code AS text COLLATE "C" DEFAULT 'x' NOT NULL;
CREATE TABLE t (id integer, qty positive, c code);
