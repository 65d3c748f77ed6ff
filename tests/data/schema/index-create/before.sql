CREATE TABLE t (a integer, b text, deleted boolean);
