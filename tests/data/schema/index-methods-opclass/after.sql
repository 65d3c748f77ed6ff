CREATE TABLE t (a integer, b text, tags text[], at timestamp);
CREATE INDEX t_b_pattern ON t (b text_pattern_ops);
CREATE INDEX t_tags ON t USING gin (tags);
CREATE INDEX t_at ON t USING brin (at);
CREATE INDEX t_a_hash ON t USING hash (a);
CREATE INDEX t_a_desc ON t (a DESC NULLS LAST);
