-- alter enum value public.mood.'angry'
ALTER TYPE public.mood ADD VALUE 'angry' BEFORE 'sad';

-- alter enum value public.mood.'ecstatic'
ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';
