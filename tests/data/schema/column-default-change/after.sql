CREATE TABLE t (n integer DEFAULT 2, s text DEFAULT 'x');
