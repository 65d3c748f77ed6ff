-- drop view public.published_posts
-- created again below
DROP VIEW public.published_posts;

-- alter enum public.status [rewrites-table, access-exclusive-lock]
-- removes 'review': a new type takes the name and every column is converted to it, which fails while a row still holds a removed value (update those rows first)
ALTER TYPE public.status RENAME TO status__retort_old;
CREATE TYPE public.status AS ENUM ('draft', 'published');
ALTER TABLE public.posts ALTER COLUMN status DROP DEFAULT;
ALTER TABLE public.posts ALTER COLUMN status TYPE public.status USING status::text::public.status;
ALTER TABLE public.posts ALTER COLUMN status SET DEFAULT 'draft'::public.status;
ALTER TABLE public.posts ALTER COLUMN history TYPE public.status[] USING history::text[]::public.status[];
DROP TYPE public.status__retort_old;

-- alter view public.published_posts
CREATE VIEW public.published_posts AS
SELECT id
   FROM public.posts
  WHERE (status = 'published'::public.status);
