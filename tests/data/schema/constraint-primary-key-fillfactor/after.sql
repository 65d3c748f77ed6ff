CREATE TABLE t (id integer, CONSTRAINT t_pkey PRIMARY KEY (id) WITH (fillfactor = 90));
