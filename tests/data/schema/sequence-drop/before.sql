CREATE SEQUENCE counter;
CREATE TABLE t (id integer);
