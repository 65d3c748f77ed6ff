CREATE TABLE t (id integer, updated_at timestamptz);
