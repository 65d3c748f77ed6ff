CREATE TABLE t (id integer, n bigint DEFAULT 1);
