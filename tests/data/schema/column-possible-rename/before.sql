CREATE TABLE people (id integer, full_name text);
