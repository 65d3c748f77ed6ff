CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
