CREATE SEQUENCE "public"."sku_item_ref_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "skus" ADD COLUMN "gtin" text;--> statement-breakpoint
CREATE UNIQUE INDEX "skus_gtin" ON "skus" USING btree ("gtin");