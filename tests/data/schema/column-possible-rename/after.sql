CREATE TABLE people (id integer, display_name text);
