CREATE TABLE t (a integer);
CREATE INDEX t_idx ON t (a);
