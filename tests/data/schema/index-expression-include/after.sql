CREATE TABLE t (a integer, b text);
CREATE INDEX t_lower_b ON t (lower(b)) INCLUDE (a);
