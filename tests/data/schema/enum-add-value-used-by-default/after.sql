CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'glad');
CREATE TABLE people (mood mood DEFAULT 'glad');
