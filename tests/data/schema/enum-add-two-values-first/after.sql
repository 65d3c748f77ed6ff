CREATE TYPE mood AS ENUM ('angry', 'annoyed', 'sad', 'ok');
CREATE TABLE people (mood mood DEFAULT 'ok');
