-- Addition: the worker registry (lib/workers/). Each process that runs jobs has a row and
-- beats it every few seconds; the pg-boss jobs it runs are recorded against it, so the jobs
-- of a worker that stopped beating (SIGKILL, OOM kill, power loss) go back to the queue in
-- seconds instead of waiting for pg-boss's expiry.
CREATE TABLE "workers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"host" varchar(255) NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"beat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_jobs" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"queue" varchar(64) NOT NULL,
	"worker_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idx_worker_jobs_worker" ON "worker_jobs" USING btree ("worker_id");
