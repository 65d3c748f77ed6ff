CREATE TABLE t (a integer, note text, twice integer GENERATED ALWAYS AS (a * 2) STORED);
