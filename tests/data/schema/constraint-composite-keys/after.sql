CREATE TABLE a (x integer, y integer, PRIMARY KEY (x, y));
CREATE TABLE b (x integer, y integer, FOREIGN KEY (x, y) REFERENCES a (x, y) MATCH FULL);
