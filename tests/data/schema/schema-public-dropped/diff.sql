-- drop table public.t [deletes-data, access-exclusive-lock]
DROP TABLE public.t;

-- create schema app
CREATE SCHEMA app;

-- create table app.t
CREATE TABLE app.t (
    id integer
);

-- drop schema public
DROP SCHEMA public;
