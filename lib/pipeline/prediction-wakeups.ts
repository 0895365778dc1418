// Replicate's webhooks reach a web process; the job waiting on the prediction usually runs in
// a worker process. Applying the result in the web process as well doubled the work (both
// downloaded and conformed the output) and put it on the processes that answer the API: with
// 100 users, 2 web + 2 worker processes, the API's p95 went from 0.5 s (polling only) to
// 5.8 s (`npm run bench:load`). So a web process that receives a "completed" for a prediction
// a job is running elsewhere wakes that job's poller through NOTIFY and leaves the work to it;
// it applies the result itself only when no job is running it, or when the job has not
// finished it within a grace period (its worker may have died).
import { sqlClient } from "../db/client";
import { isJobRunningForPrediction } from "../db/queries/jobs";
import { errorFields, logger } from "../logger";
import { wakePoller } from "../providers/replicate";
import { QUEUES } from "./queue";

const CHANNEL = "adsmith_predictions";
const shared = globalThis as { __adsmithPredictionWakeups?: { listening?: Promise<unknown> } };
shared.__adsmithPredictionWakeups ??= {};
const holder = shared.__adsmithPredictionWakeups;

/** Worker processes: polls of predictions this process waits on end as soon as a webhook says so. */
export async function listenForPredictionWakeups(): Promise<void> {
  holder.listening ??= sqlClient()
    .listen(CHANNEL, (id) => void wakePoller(id))
    .catch((err) => {
      holder.listening = undefined;
      logger.warn("prediction wake-ups not received; polling finds the results", errorFields(err));
    });
  await holder.listening;
}

/**
 * True when an image, clip or voice job is running this prediction's asset right now (somewhere).
 * When that cannot be told (no job queue in this database yet), false: apply it here.
 */
export async function jobRunningFor(predictionId: string): Promise<boolean> {
  return isJobRunningForPrediction({
    predictionId,
    queues: [QUEUES.generateImage, QUEUES.generateClip, QUEUES.generateVoice],
  });
}

/** Wakes the poller of this prediction in whichever process runs it. */
export async function wakeRemotePoller(predictionId: string): Promise<void> {
  await sqlClient().notify(CHANNEL, predictionId);
}
