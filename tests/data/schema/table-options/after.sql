CREATE TABLE t (id integer) WITH (fillfactor = 70);
