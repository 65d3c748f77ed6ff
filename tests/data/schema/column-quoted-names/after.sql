CREATE TABLE "Order" ("user" text, "Select" bigint, "from date" date);
