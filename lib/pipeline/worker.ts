// Registers every job with its concurrency, and re-enqueues work that a crash interrupted
// between a database write and its enqueue (all enqueues are idempotent).
import { advanceBatchWorker, startBatchSweep, wakeQuietBatches } from "../batches/worker";
import { getAssetSessionId } from "../db/queries/assets";
import { listSessionsInStatus } from "../db/queries/sessions";
import { env } from "../env";
import { errorFields, logger, withLogContext } from "../logger";
import { deliverWebhookWorker, startDeliverySweep } from "../webhooks/outgoing/deliver";
import { runRecorded, startRegistry, stopRegistry } from "../workers/registry";
import type { JobWorker } from "./define-job";
import type { Job } from "./job-runner";
import { composeWorker } from "./jobs/compose";
import { generateClipWorker } from "./jobs/generate-clip";
import { generateImageWorker } from "./jobs/generate-image";
import { generateVoiceWorker } from "./jobs/generate-voice";
import { parsePromptWorker } from "./jobs/parse-prompt";
import { planScenesWorker } from "./jobs/plan-scenes";
import { prepareEditWorker } from "./jobs/prepare-edit";
import {
  storagePurgeWorker,
  storageRetentionWorker,
  storageSweepWorker,
} from "./jobs/storage-jobs";
import { listenForPredictionWakeups } from "./prediction-wakeups";
import { queue, reclaimActiveJobs, runQueue, stopQueue } from "./queue";
import { resumeStage } from "./start-stage";
import { startSweeper } from "./sweeper";

export const JOBS: JobWorker[] = [
  parsePromptWorker,
  generateImageWorker,
  planScenesWorker,
  generateClipWorker,
  composeWorker,
  prepareEditWorker,
  deliverWebhookWorker,
  generateVoiceWorker,
  storagePurgeWorker,
  storageRetentionWorker,
  storageSweepWorker,
  advanceBatchWorker,
];

export type WorkerOptions = {
  /**
   * Hand jobs left "active" back to the queue at once instead of waiting for them to expire
   * (JOB_EXPIRE_SECONDS). Only safe when no other process can be running them: the caller
   * just started the embedded database itself.
   */
  reclaimActiveJobs?: boolean;
};

export async function startWorker(opts: WorkerOptions = {}): Promise<void> {
  await queue();
  if (opts.reclaimActiveJobs) await reclaimActiveJobs();
  // Registered before the first job is taken: every job runs recorded against this worker,
  // so it goes back to the queue within WORKER_DEAD_AFTER_SECONDS if this process dies.
  await startRegistry();
  for (const def of JOBS) {
    const { name } = def.job;
    await runQueue(name, def.concurrency(), (job) =>
      runRecorded({ id: job.id, queue: name }, () => runJob(def, job)),
    );
  }
  await resumeInterruptedWork();
  await listenForPredictionWakeups();
  stopSweeper?.();
  const stopMoves = startSweeper();
  const stopDeliveries = await startDeliverySweep();
  const stopBatches = startBatchSweep();
  stopSweeper = () => {
    stopMoves();
    stopBatches();
    void stopDeliveries();
  };
  logger.debug("worker started", {
    jobs: JOBS.map((j) => `${j.job.name}×${j.concurrency()}`).join(" "),
  });
}

/**
 * Stops taking jobs and waits up to `graceMs` for the running ones to finish; those still
 * running then are handed back to the queue (another worker, or this one after a restart,
 * picks them up; their completion is conditional, so a late finish here changes nothing).
 */
export async function stopWorker(graceMs?: number): Promise<void> {
  stopSweeper?.();
  stopSweeper = undefined;
  await stopQueue(graceMs ?? env.SHUTDOWN_GRACE_SECONDS * 1000);
  // Its jobs ended or went back to the queue: nothing is left for a sweeper to hand back.
  await stopRegistry();
}

let stopSweeper: (() => void) | undefined;

/** One job in its handler: the payload checked again, every log line naming the job. */
async function runJob(def: JobWorker, job: Job): Promise<void> {
  const { name, schema } = def.job;
  const data = schema.safeParse(job.data);
  if (!data.success) {
    logger.error("job payload rejected", {
      queue: name,
      jobId: job.id,
      issues: data.error.issues.length,
    });
    return; // a malformed payload will not improve with retries
  }
  const started = Date.now();
  // Every log line of this job names it and its session (asset jobs: looked up once).
  const ids = data.data as { sessionId?: string; assetId?: string };
  const sessionId =
    ids.sessionId ?? (ids.assetId ? await getAssetSessionId({ id: ids.assetId }) : undefined);
  await withLogContext(
    { queue: name, jobId: job.id, sessionId, assetId: ids.assetId },
    async () => {
      try {
        await def.handle(data.data, {
          id: job.id,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
        });
        logger.debug("job done", { ms: Date.now() - started });
      } catch (err) {
        logger.warn("job attempt failed; pg-boss will retry", errorFields(err));
        throw err;
      }
    },
  );
}

/** Work a crash interrupted between a database write and its enqueue is enqueued again. */
async function resumeInterruptedWork(): Promise<void> {
  const open = await listSessionsInStatus({
    statuses: ["prompting", "generating_images", "generating_videos", "composing"],
  });
  for (const s of open) await resumeStage(s);
  await wakeQuietBatches(0); // batches whose next step a crash interrupted
}
