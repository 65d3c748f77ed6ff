-- create schema ext
CREATE SCHEMA ext;

-- create extension hstore
CREATE EXTENSION IF NOT EXISTS hstore WITH SCHEMA ext;

-- create table public.t
CREATE TABLE public.t (
    attrs ext.hstore
);

-- create comment EXTENSION hstore
COMMENT ON EXTENSION hstore IS 'data type for storing sets of (key, value) pairs';
