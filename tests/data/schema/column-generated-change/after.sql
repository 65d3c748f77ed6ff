CREATE TABLE t (a integer, twice integer GENERATED ALWAYS AS (a * 3) STORED);
