CREATE TABLE t (qty integer CONSTRAINT qty_positive CHECK (qty > 0));
