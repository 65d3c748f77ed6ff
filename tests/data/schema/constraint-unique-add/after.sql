CREATE TABLE t (id integer, email text CONSTRAINT t_email_key UNIQUE);
