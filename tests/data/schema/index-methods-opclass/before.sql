CREATE TABLE t (a integer, b text, tags text[], at timestamp);
