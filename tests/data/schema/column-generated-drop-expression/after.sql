CREATE TABLE t (a integer, twice integer);
