-- create constraint public.bookings.no_overlap [access-exclusive-lock]
-- builds an index; fails if rows break the constraint
ALTER TABLE public.bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);
