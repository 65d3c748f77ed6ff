-- drop index public.t_idx [access-exclusive-lock]
DROP INDEX public.t_idx;
