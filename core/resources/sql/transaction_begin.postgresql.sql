-- Opens a migration step's transaction (sent in the step's pipeline).
BEGIN
