CREATE TABLE t (n integer NOT NULL);
