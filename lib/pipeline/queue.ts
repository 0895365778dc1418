// pg-boss on the app's own PostgreSQL (schema "pgboss"): durable jobs that survive crashes
// and restarts, retried with exponential backoff and jitter. Jobs run through ./job-runner.ts
// (one fetch loop per queue); an enqueue wakes the loops of this process at once and those
// of other processes through a NOTIFY, so a job starts within milliseconds, not at the next poll.
import { createHash, randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import type { z } from "zod";
import { databaseUrl, sqlClient } from "../db/client";
import { listActiveJobs } from "../db/queries/jobs";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import type { Attempt, JobDef } from "./define-job";
import { type Job, JobRunner } from "./job-runner";

export const QUEUES = {
  parsePrompt: "parse-prompt",
  generateImage: "generate-image",
  planScenes: "plan-scenes",
  generateClip: "generate-clip",
  generateMusic: "generate-music",
  generateVoice: "generate-voice",
  compose: "compose",
  prepareEdit: "prepare-edit",
  deliverWebhook: "deliver-webhook",
  storagePurge: "storage-purge",
  storageRetention: "storage-retention",
  storageSweep: "storage-sweep",
  advanceBatch: "advance-batch",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

type Holder = {
  boss?: Promise<PgBoss>;
  runners?: Map<string, JobRunner>;
  unlisten?: () => Promise<void>;
  processId?: string;
};
const shared = globalThis as { __adsmithBoss?: Holder };
shared.__adsmithBoss ??= {};
const holder: Holder = shared.__adsmithBoss;

async function startBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    schema: "pgboss",
    max: 4, // a fetch per wake-up and a completion per job (./job-runner.ts): 4 keep up with 50 jobs a second
    application_name: "adsmith-queue",
    retryLimit: env.JOB_RETRY_LIMIT,
    retryDelay: env.JOB_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: env.JOB_EXPIRE_SECONDS,
    maintenanceIntervalSeconds: env.JOB_MAINTENANCE_SECONDS,
    monitorStateIntervalSeconds: 3600,
  });
  boss.on("error", (err) => logger.error("queue error", errorFields(err)));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name).catch(() => {}); // another process won the race
  }
  return boss;
}

/** The process's pg-boss client, started on first use. */
export function queue(): Promise<PgBoss> {
  holder.boss ??= startBoss().catch((err) => {
    holder.boss = undefined;
    throw err;
  });
  return holder.boss;
}

/** A UUID that is always the same for the same key. */
export function jobIdFor(name: QueueName, key: string): string {
  const h = createHash("sha256").update(`${name}:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Enqueues a job once per key: the payload is checked against the job's schema, the job id is
 * derived from its key (./job-defs.ts), and pg-boss inserts with ON CONFLICT DO NOTHING, so a
 * repeated request or a retried HTTP call adds nothing. `attempt` makes a deliberate re-run a
 * new job.
 */
export async function enqueue<S extends z.ZodType>(
  job: JobDef<S>,
  data: z.input<S>,
  attempt: Attempt,
  opts: PgBoss.SendOptions = {},
) {
  const payload = job.schema.parse(data);
  const boss = await queue();
  const id = await boss.send(job.name, payload as object, {
    id: jobIdFor(job.name, job.key(payload, attempt)),
    ...opts,
  });
  if (!opts.startAfter) wakeRunners(job.name);
  return id;
}

/** This process, in wake-up notices (a process ignores its own: it woke its runner directly). */
holder.processId ??= randomUUID();
const PROCESS = holder.processId;
const WAKE_CHANNEL = "adsmith_jobs";

function wakeRunners(name: QueueName): void {
  holder.runners?.get(name)?.wake();
  sqlClient()
    .notify(WAKE_CHANNEL, `${PROCESS} ${name}`)
    .catch((err) =>
      logger.debug("job wake-up notice not sent; the next poll finds the job", errorFields(err)),
    );
}

/**
 * Runs `name`'s jobs in this process, at most `concurrency` at once. Other processes'
 * enqueues wake it through LISTEN; JOB_POLL_SECONDS is the backstop (retries falling due).
 */
export async function runQueue(
  name: QueueName,
  concurrency: number,
  run: (job: Job) => Promise<void>,
): Promise<void> {
  const boss = await queue();
  holder.runners ??= new Map();
  if (!holder.unlisten) {
    const listening = await sqlClient().listen(WAKE_CHANNEL, (payload) => {
      const [from, queueName] = payload.split(" ");
      if (from !== PROCESS) holder.runners?.get(queueName)?.wake();
    });
    holder.unlisten = () => listening.unlisten();
  }
  const runner = new JobRunner(boss, name, concurrency, env.JOB_POLL_SECONDS * 1000, run);
  holder.runners.set(name, runner);
  runner.start();
}

/**
 * Stops this process's pg-boss: no new jobs are fetched, running ones get `graceMs` to
 * finish, then pg-boss fails the rest back to the queue ("retry"; a retry is used up).
 */
export async function stopQueue(graceMs = 15_000): Promise<void> {
  const runners = [...(holder.runners?.values() ?? [])];
  holder.runners = undefined;
  await Promise.all(runners.map((r) => r.stop(graceMs)));
  await holder.unlisten?.().catch(() => {});
  holder.unlisten = undefined;
  const boss = await holder.boss?.catch(() => undefined);
  holder.boss = undefined;
  await boss?.stop({ graceful: true, timeout: graceMs, wait: true });
}

/**
 * Fails every "active" job back to the queue so it runs again now. pg-boss keeps no record
 * of which process runs a job; a dead worker's jobs otherwise stay active until they expire
 * (JOB_EXPIRE_SECONDS after they started). Only for a caller that knows no live process
 * holds them.
 */
export async function reclaimActiveJobs(): Promise<number> {
  const boss = await queue();
  const rows = await listActiveJobs();
  for (const r of rows)
    await boss.fail(r.name, r.id, { message: "the process running this job stopped" });
  if (rows.length)
    logger.info("jobs of a stopped process handed back to the queue", { jobs: rows.length });
  return rows.length;
}
