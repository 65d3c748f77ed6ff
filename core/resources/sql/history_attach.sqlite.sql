-- Retort's own tables live in a file of their own next to the database
-- (FILE-retort), attached to every connection Retort opens: Alembic's
-- autogenerate and `alembic check` read only the main database, so they
-- never see them, and a restore of the database keeps its history.
ATTACH DATABASE ? AS retort_meta
