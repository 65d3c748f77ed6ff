CREATE DOMAIN positive AS bigint CONSTRAINT positive_check CHECK (VALUE > 0);
