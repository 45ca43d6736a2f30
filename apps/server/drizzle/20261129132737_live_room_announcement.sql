ALTER TABLE "live_rooms" ADD COLUMN "announcement" text;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD COLUMN "announced_at" timestamp with time zone;