CREATE TABLE bookings (room integer, during tsrange, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&));
