-- A fresh, empty database for one replay (the shadow): template0, so that
-- nothing a site added to template1 shows up as part of the schema.
CREATE DATABASE {name} TEMPLATE template0
