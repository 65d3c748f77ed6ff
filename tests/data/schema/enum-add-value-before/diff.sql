-- alter enum value public.mood.'meh'
ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'sad';
