CREATE TABLE t (code varchar(10));
