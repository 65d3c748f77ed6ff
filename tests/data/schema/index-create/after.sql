CREATE TABLE t (a integer, b text, deleted boolean);
CREATE UNIQUE INDEX t_a_live ON t (a) WHERE NOT deleted;
CREATE INDEX t_b ON t (b);
