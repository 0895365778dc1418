// The advance-batch job's handler, and the backstop that wakes batches nothing woke: a
// running batch quiet for a while gets an advance (an enqueue lost between a move and its
// job, a recheck the worker did not live to run). Started with the worker.
import { listQuietRunningBatches } from "../db/queries/batches";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import { jobWorker } from "../pipeline/define-job";
import { advanceBatchJob } from "../pipeline/job-defs";
import { advanceBatch } from "./advance";
import { enqueueAdvance } from "./enqueue";

export const advanceBatchWorker = jobWorker({
  job: advanceBatchJob,
  concurrency: () => 1,
  handle: ({ batchId }) => advanceBatch(batchId),
});

/** Enqueues an advance for every running batch quiet for `quietSeconds`. */
export async function wakeQuietBatches(quietSeconds: number): Promise<number> {
  const quiet = await listQuietRunningBatches({ quietSeconds });
  const slot = Math.floor(Date.now() / 1000 / Math.max(1, quietSeconds));
  for (const b of quiet) await enqueueAdvance(b.id, `sweep:${slot}`);
  return quiet.length;
}

export function startBatchSweep(): () => void {
  const quiet = Math.max(60, env.SWEEP_INTERVAL_SECONDS);
  const timer = setInterval(() => {
    wakeQuietBatches(quiet).catch((err) =>
      logger.warn("batch sweep failed; the next one retries", errorFields(err)),
    );
  }, env.SWEEP_INTERVAL_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
