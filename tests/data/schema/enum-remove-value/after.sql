CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE people (mood mood);
