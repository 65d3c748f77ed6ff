CREATE TABLE bookings (room integer, during tsrange);
