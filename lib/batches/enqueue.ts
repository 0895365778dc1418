// Waking a batch's driver: one advance-batch job per event (a move of one of its ads, its
// creation, a recheck). Idempotent per reason; a lost enqueue is caught by the sweep
// (./sweep.ts) and by the worker's start.
import { errorFields, logger } from "../logger";
import { advanceBatchJob } from "../pipeline/job-defs";
import { enqueue } from "../pipeline/queue";

export async function enqueueAdvance(
  batchId: string,
  reason: string,
  opts: { afterSeconds?: number } = {},
): Promise<void> {
  try {
    await enqueue(
      advanceBatchJob,
      { batchId, reason: reason.slice(0, 200) },
      0,
      opts.afterSeconds ? { startAfter: opts.afterSeconds } : {},
    );
  } catch (err) {
    logger.warn("batch advance not enqueued; the sweep will", { batchId, ...errorFields(err) });
  }
}
