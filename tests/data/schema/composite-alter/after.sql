CREATE TYPE address AS (street text, city varchar(80), zip text COLLATE "C");
