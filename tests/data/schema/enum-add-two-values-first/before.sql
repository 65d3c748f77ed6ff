CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE people (mood mood DEFAULT 'ok');
