-- The shadow database of one replay, once it is done. FORCE ends sessions
-- a killed replay may have left behind (PostgreSQL 13 and later).
DROP DATABASE IF EXISTS {name} WITH (FORCE)
