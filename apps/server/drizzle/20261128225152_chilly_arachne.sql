CREATE TABLE "epcis_capture_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"error_behaviour" text NOT NULL,
	"event_count" integer NOT NULL,
	"captured_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "epcis_chains" (
	"key" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epcis_events" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"record_time" timestamp with time zone NOT NULL,
	"action" text,
	"biz_step" text,
	"disposition" text,
	"read_point" text,
	"biz_location" text,
	"instance_epcs" text[] DEFAULT '{}'::text[] NOT NULL,
	"epcs" text[] DEFAULT '{}'::text[] NOT NULL,
	"epc_classes" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_declaration" integer DEFAULT 0 NOT NULL,
	"document" jsonb NOT NULL,
	"chain_key" text NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"capture_id" text,
	"captured_by" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "epcis_events_one_original" ON "epcis_events" USING btree ("event_id") WHERE is_declaration = 0;--> statement-breakpoint
CREATE UNIQUE INDEX "epcis_events_chain_seq" ON "epcis_events" USING btree ("chain_key","seq");--> statement-breakpoint
CREATE INDEX "epcis_events_event_time_index" ON "epcis_events" USING btree ("event_time");--> statement-breakpoint
CREATE INDEX "epcis_events_biz_step_index" ON "epcis_events" USING btree ("biz_step");--> statement-breakpoint
CREATE INDEX "epcis_events_epcs" ON "epcis_events" USING gin ("epcs");--> statement-breakpoint
CREATE INDEX "epcis_events_epc_classes" ON "epcis_events" USING gin ("epc_classes");