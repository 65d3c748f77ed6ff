CREATE TYPE address AS (street text, city text);
CREATE TABLE t (id integer, home address);
