CREATE TABLE "payment_sandbox_refunds" (
	"refund_id" text PRIMARY KEY NOT NULL,
	"payment_id" text NOT NULL,
	"amount_fen" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "payment_refunds_unsettled" ON "payment_refunds" USING btree ("created_at") WHERE status = 'pending';
--> statement-breakpoint
CREATE INDEX "orders_cancelled_refund_owed" ON "orders" USING btree ("cancelled_at") WHERE status = 'cancelled' and paid_at is not null and refunded_fen < total_fen;