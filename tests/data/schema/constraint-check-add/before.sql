CREATE TABLE t (qty integer);
