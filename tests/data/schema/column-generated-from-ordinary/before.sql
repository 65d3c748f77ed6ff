CREATE TABLE t (a integer, note text, twice integer);
