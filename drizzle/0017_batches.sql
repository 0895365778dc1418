CREATE TABLE "batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"status" varchar(16) DEFAULT 'running' NOT NULL,
	"stop_at" varchar(16) DEFAULT 'done' NOT NULL,
	"row_count" integer NOT NULL,
	"estimate_usd" numeric(10, 4) DEFAULT 0 NOT NULL,
	"estimate_calls" integer DEFAULT 0 NOT NULL,
	"budget_usd" numeric(10, 4) NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "batches_status_check" CHECK (status IN ('running', 'finished')),
	CONSTRAINT "batches_stop_at_check" CHECK (stop_at IN ('review', 'done'))
);
--> statement-breakpoint
ALTER TABLE "batches" ADD CONSTRAINT "batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "idx_batches_user_created" ON "batches" USING btree ("user_id","created_at" DESC);
--> statement-breakpoint
CREATE INDEX "idx_batches_running" ON "batches" USING btree ("updated_at") WHERE status = 'running';
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "batch_id" uuid;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "batch_row" integer;
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_batch_id_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batches"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "idx_sessions_batch" ON "sessions" USING btree ("batch_id","batch_row") WHERE batch_id IS NOT NULL;
