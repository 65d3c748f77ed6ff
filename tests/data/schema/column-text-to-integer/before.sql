CREATE TABLE t (n text);
