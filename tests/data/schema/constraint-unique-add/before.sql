CREATE TABLE t (id integer, email text);
