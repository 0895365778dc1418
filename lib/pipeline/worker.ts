// Registers every job with its concurrency, and re-enqueues work that a crash interrupted
// between a database write and its enqueue (all enqueues are idempotent).
import { getAssetSessionId } from "../db/queries/assets";
import { listSessionsInStatus } from "../db/queries/sessions";
import { env } from "../env";
import { errorFields, logger, withLogContext } from "../logger";
import type { JobDef } from "./define-job";
import { composeJob, composeJobKey } from "./jobs/compose";
import { enqueueClipJobs, generateClipJob } from "./jobs/generate-clip";
import { enqueueImageJobs, generateImageJob } from "./jobs/generate-image";
import { parsePromptJob } from "./jobs/parse-prompt";
import { planScenesJob } from "./jobs/plan-scenes";
import { prepareEditJob } from "./jobs/prepare-edit";
import { listenForPredictionWakeups } from "./prediction-wakeups";
import { enqueue, QUEUES, queue, reclaimActiveJobs, runQueue, stopQueue } from "./queue";
import { readMeta } from "./session-meta";
import { settleClipStage, settleImageStage } from "./settle";
import { startSweeper } from "./sweeper";

export const JOBS: JobDef[] = [
  parsePromptJob,
  generateImageJob,
  planScenesJob,
  generateClipJob,
  composeJob,
  prepareEditJob,
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
  for (const def of JOBS) {
    await runQueue(def.name, def.concurrency(), async (job) => {
      const data = def.schema.safeParse(job.data);
      if (!data.success) {
        logger.error("job payload rejected", {
          queue: def.name,
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
        { queue: def.name, jobId: job.id, sessionId, assetId: ids.assetId },
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
    });
  }
  await resumeInterruptedWork();
  await listenForPredictionWakeups();
  stopSweeper?.();
  stopSweeper = startSweeper();
  logger.debug("worker started", {
    jobs: JOBS.map((j) => `${j.name}×${j.concurrency()}`).join(" "),
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
}

let stopSweeper: (() => void) | undefined;

async function resumeInterruptedWork(): Promise<void> {
  const open = await listSessionsInStatus({
    statuses: ["prompting", "generating_images", "generating_videos", "composing"],
  });
  for (const s of open) {
    if (s.status === "prompting")
      await enqueue(QUEUES.parsePrompt, { sessionId: s.id }, `${s.id}:${s.retryCount ?? 0}`);
    // A crash between an asset's last write and the stage's settle leaves nothing to
    // enqueue; settling again (idempotent) finishes the stage.
    if (s.status === "generating_images") {
      await enqueueImageJobs(s);
      await settleImageStage(s.id);
    }
    if (s.status === "generating_videos") {
      const meta = readMeta(s);
      if (meta.clipRunIds?.length) {
        await enqueueClipJobs(s);
        await settleClipStage(s.id);
      } else
        await enqueue(
          QUEUES.planScenes,
          { sessionId: s.id, run: meta.clipRun ?? 0 },
          `${s.id}:plan:${meta.clipRun ?? 0}:${s.retryCount ?? 0}`,
        );
    }
    if (s.status === "composing") {
      const run = readMeta(s).compose?.run ?? 0;
      await enqueue(QUEUES.compose, { sessionId: s.id, run }, composeJobKey(s, run));
    }
  }
}
