ALTER TABLE "payment_refunds" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "taken_by_checkout" boolean DEFAULT true NOT NULL;