// The storage lifecycle's jobs (lib/storage/lifecycle/): a deleted ad's files removed, and
// two periodic ones pg-boss starts on a schedule, on whichever worker is free — superseded
// files past their retention (hourly) and the storage sweep (daily).
import { rm } from "node:fs/promises";
import path from "node:path";
import { logger } from "../../logger";
import { storage } from "../../storage";
import { purgeSessionFiles } from "../../storage/lifecycle/purge-session";
import { applyRetention } from "../../storage/lifecycle/retention";
import { sweepStorage } from "../../storage/lifecycle/sweep";
import { jobWorker } from "../define-job";
import { purgeSessionFilesJob, storageRetentionJob, storageSweepJob } from "../job-defs";
import { QUEUES, queue } from "../queue";
import { cacheRoot } from "./compose";

export const storagePurgeWorker = jobWorker({
  job: purgeSessionFilesJob,
  concurrency: () => 2,
  async handle({ sessionId, folderOnly }) {
    const result = await purgeSessionFiles({ store: storage(), sessionId, folderOnly });
    // This worker's local copies of the ad's clips (other workers prune theirs after a week).
    if (!folderOnly) await rm(path.join(cacheRoot(), sessionId), { recursive: true, force: true });
    logger.info("deleted ad's files removed", { ...result, folderOnly });
  },
});

export const storageRetentionWorker = jobWorker({
  job: storageRetentionJob,
  concurrency: () => 1,
  async handle() {
    await applyRetention({ store: storage() });
  },
});

export const storageSweepWorker = jobWorker({
  job: storageSweepJob,
  concurrency: () => 1,
  async handle() {
    await sweepStorage({ store: storage() });
  },
});

/**
 * The periodic jobs' schedules (an upsert: every worker process sets them at start; UTC).
 * Set by server.ts and worker.ts, not by startWorker, so the workers tests start do not get
 * jobs appearing on the hour.
 */
export async function scheduleStorageJobs(): Promise<void> {
  const boss = await queue();
  // With a payload: pg-boss sends the schedule's data, and a job's payload is checked first.
  await boss.schedule(QUEUES.storageRetention, "17 * * * *", {});
  await boss.schedule(QUEUES.storageSweep, "41 3 * * *", {});
}
