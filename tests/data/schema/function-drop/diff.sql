-- drop function public.next_code()
DROP FUNCTION public.next_code();
