CREATE SEQUENCE "public"."location_ref_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE SEQUENCE "public"."sscc_serial_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"locations" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "harvest_lots" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"shop_id" text NOT NULL,
	"orchard_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"harvest_date" date NOT NULL,
	"weight_kg" double precision NOT NULL,
	"grade" text NOT NULL,
	"image_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"cert_basis" text NOT NULL,
	"cert_issuer" text NOT NULL,
	"cert_phone" text NOT NULL,
	"cert_issued_on" date NOT NULL,
	"cert_file_image_id" text,
	"packed_kg" double precision DEFAULT 0 NOT NULL,
	"next_serial" integer DEFAULT 1 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "harvest_lots_packed_within_weight" CHECK ("harvest_lots"."packed_kg" <= "harvest_lots"."weight_kg" + 0.001)
);
--> statement-breakpoint
CREATE TABLE "lot_boxes" (
	"lot_id" text NOT NULL,
	"serial" text NOT NULL,
	"sku_id" text NOT NULL,
	"kg" double precision NOT NULL,
	"order_id" text,
	"packed_at" timestamp with time zone NOT NULL,
	"shipped_at" timestamp with time zone,
	CONSTRAINT "lot_boxes_lot_id_serial_pk" PRIMARY KEY("lot_id","serial")
);
--> statement-breakpoint
CREATE TABLE "lot_clips" (
	"lot_id" text NOT NULL,
	"clip_id" text NOT NULL,
	"purpose" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "lot_clips_lot_id_clip_id_pk" PRIMARY KEY("lot_id","clip_id")
);
--> statement-breakpoint
CREATE TABLE "lot_inspections" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"kind" text NOT NULL,
	"result" text NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"image_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orchards" (
	"id" text PRIMARY KEY NOT NULL,
	"shop_id" text NOT NULL,
	"name" text NOT NULL,
	"county_code" text NOT NULL,
	"address" text NOT NULL,
	"story" text DEFAULT '' NOT NULL,
	"gln" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hub_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"hub_id" text NOT NULL,
	"destination" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"departed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "hub_operators" (
	"hub_id" text NOT NULL,
	"user_id" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hub_operators_hub_id_user_id_pk" PRIMARY KEY("hub_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "hubs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"county_code" text NOT NULL,
	"address" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"gln" text NOT NULL,
	"parent_hub_id" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipment_scans" (
	"id" text PRIMARY KEY NOT NULL,
	"shipment_id" text NOT NULL,
	"status" text NOT NULL,
	"hub_id" text,
	"place" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"shop_id" text NOT NULL,
	"carrier_code" text NOT NULL,
	"carrier_name" text NOT NULL,
	"waybill" text NOT NULL,
	"parcels" integer NOT NULL,
	"ssccs" text[] NOT NULL,
	"weight_grams" integer,
	"pickup_point_id" text,
	"hub_id" text,
	"batch_id" text,
	"status" text NOT NULL,
	"receiver_city" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shipments_parcels" CHECK ("shipments"."parcels" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "harvest_lots" ADD CONSTRAINT "harvest_lots_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_lots" ADD CONSTRAINT "harvest_lots_orchard_id_orchards_id_fk" FOREIGN KEY ("orchard_id") REFERENCES "public"."orchards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_lots" ADD CONSTRAINT "harvest_lots_sku_id_skus_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."skus"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "harvest_lots" ADD CONSTRAINT "harvest_lots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_boxes" ADD CONSTRAINT "lot_boxes_lot_id_harvest_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."harvest_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_clips" ADD CONSTRAINT "lot_clips_lot_id_harvest_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."harvest_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_inspections" ADD CONSTRAINT "lot_inspections_lot_id_harvest_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."harvest_lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lot_inspections" ADD CONSTRAINT "lot_inspections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orchards" ADD CONSTRAINT "orchards_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_batches" ADD CONSTRAINT "hub_batches_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_batches" ADD CONSTRAINT "hub_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_operators" ADD CONSTRAINT "hub_operators_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hub_operators" ADD CONSTRAINT "hub_operators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hubs" ADD CONSTRAINT "hubs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_scans" ADD CONSTRAINT "shipment_scans_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_scans" ADD CONSTRAINT "shipment_scans_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipment_scans" ADD CONSTRAINT "shipment_scans_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_pickup_point_id_hubs_id_fk" FOREIGN KEY ("pickup_point_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "public"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_batch_id_hub_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."hub_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_owner_id_index" ON "api_keys" USING btree ("owner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "harvest_lots_sku_code" ON "harvest_lots" USING btree ("sku_id","code");--> statement-breakpoint
CREATE INDEX "harvest_lots_shop_id_index" ON "harvest_lots" USING btree ("shop_id");--> statement-breakpoint
CREATE INDEX "lot_boxes_sku_id_order_id_index" ON "lot_boxes" USING btree ("sku_id","order_id");--> statement-breakpoint
CREATE INDEX "lot_boxes_order_id_index" ON "lot_boxes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "lot_inspections_lot_id_index" ON "lot_inspections" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "orchards_shop_id_index" ON "orchards" USING btree ("shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orchards_gln" ON "orchards" USING btree ("gln");--> statement-breakpoint
CREATE INDEX "hub_batches_hub_id_index" ON "hub_batches" USING btree ("hub_id");--> statement-breakpoint
CREATE INDEX "hub_operators_user_id_index" ON "hub_operators" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hubs_gln" ON "hubs" USING btree ("gln");--> statement-breakpoint
CREATE INDEX "hubs_county_code_index" ON "hubs" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "shipment_scans_shipment_id_at_index" ON "shipment_scans" USING btree ("shipment_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_order" ON "shipments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shipments_waybill" ON "shipments" USING btree ("carrier_name","waybill");--> statement-breakpoint
CREATE INDEX "shipments_hub_id_status_index" ON "shipments" USING btree ("hub_id","status");--> statement-breakpoint
CREATE INDEX "shipments_shop_id_created_at_index" ON "shipments" USING btree ("shop_id","created_at");