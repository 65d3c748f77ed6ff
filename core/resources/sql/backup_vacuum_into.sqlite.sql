-- A consistent copy of the whole database into a new file, taken under the
-- runner's lock.
VACUUM INTO ?
