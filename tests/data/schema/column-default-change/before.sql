CREATE TABLE t (n integer DEFAULT 1, s text);
