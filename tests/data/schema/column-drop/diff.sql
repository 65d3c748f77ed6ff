-- drop column public.orders.note [deletes-data, access-exclusive-lock]
ALTER TABLE public.orders DROP COLUMN note;
