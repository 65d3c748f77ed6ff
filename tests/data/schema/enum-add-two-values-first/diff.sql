-- alter enum value public.mood.'angry'
ALTER TYPE public.mood ADD VALUE 'angry' BEFORE 'sad';

-- alter enum value public.mood.'annoyed'
ALTER TYPE public.mood ADD VALUE 'annoyed' AFTER 'angry';
