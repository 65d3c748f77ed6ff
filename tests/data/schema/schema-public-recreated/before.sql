DROP SCHEMA public;
CREATE SCHEMA app;
CREATE TABLE app.t (id integer);
