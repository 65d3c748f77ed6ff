-- Takes the write lock now (waiting is done by retrying, so that a waiting
-- runner can say so and be cancelled).
BEGIN EXCLUSIVE
