CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (name text, mood mood DEFAULT 'ok');
