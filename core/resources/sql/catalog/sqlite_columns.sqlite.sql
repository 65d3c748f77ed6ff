-- The columns of one table, in order, hidden (generated) ones included.
SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(:table) ORDER BY cid
