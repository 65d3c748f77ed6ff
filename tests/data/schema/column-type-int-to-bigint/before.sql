CREATE TABLE t (id integer, n integer DEFAULT 1);
