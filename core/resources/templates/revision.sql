-- revision: {revision}
-- down_revision: {down_revision}
{extra_headers}-- message: {message}
-- create_date: {create_date}

-- migrate:upgrade


-- migrate:downgrade

