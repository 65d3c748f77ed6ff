CREATE TABLE "Order" ("user" text, "Select" integer);
