CREATE TABLE "order_refunds" (
	"refund_id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "retry_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "order_told_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_refunds_order_id_index" ON "order_refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_untold" ON "payment_refunds" USING btree ("settled_at") WHERE order_id is not null and order_told_at is null and status <> 'pending';--> statement-breakpoint
-- Before this migration an order counted a refund when it was asked for, pending or not: those orders have heard.
UPDATE "payment_refunds" SET "order_told_at" = coalesce("settled_at", "created_at") WHERE "order_told_at" IS NULL;--> statement-breakpoint
INSERT INTO "order_refunds" ("refund_id", "order_id", "amount_fen", "outcome", "at")
  SELECT "id", "order_id", "amount_fen", 'succeeded', coalesce("settled_at", "created_at") FROM "payment_refunds"
  WHERE "order_id" IS NOT NULL AND "status" <> 'failed' AND EXISTS (SELECT 1 FROM "orders" o WHERE o."id" = "payment_refunds"."order_id")
  ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Claims escalated before claims.escalated_at existed: the arbiter's decision on them is final too.
UPDATE "claims" SET "escalated_at" = coalesce("decided_at", "created_at") WHERE "status" = 'escalated' AND "escalated_at" IS NULL;
