// Sending a recorded delivery: the deliver-webhook job takes it (claimDelivery: one process at
// a time), signs and POSTs it, and records the attempt. No 2xx → pending again after the next
// delay of WEBHOOK_RETRY_DELAYS_SECONDS (a new job, scheduled), until the delays run out
// (≥ 24 h by default) → failed. A process killed mid-send leaves the row `sending` with a
// lock that runs out; the sweep (every few seconds in each worker) hands such rows, and due
// rows whose job was lost, back to the queue. The webhook-id is the delivery's id on every
// attempt, so a receiver that saw an attempt whose answer we never got can tell the repeat.
import { randomUUID } from "node:crypto";
import {
  claimDelivery,
  listDueDeliveries,
  listenForDeliveries,
  recordAttempt,
} from "../../db/queries/outgoing-webhooks";
import { env } from "../../env";
import { errorFields, logger } from "../../logger";
import { jobWorker } from "../../pipeline/define-job";
import { deliverWebhookJob } from "../../pipeline/job-defs";
import { enqueue } from "../../pipeline/queue";
import { postWebhook } from "./send";
import { signedHeaders } from "./sign";

/** Longer than one attempt can take, so a live sender never loses its lock. */
const lockSeconds = () => 2 * env.WEBHOOK_TIMEOUT_SECONDS + 5;

export async function deliverOnce(deliveryId: string): Promise<void> {
  const d = await claimDelivery({ id: deliveryId, lockSeconds: lockSeconds() });
  if (!d) return; // done, deleted, not due yet, or another process is sending it
  const body = JSON.stringify(d.payload);
  const result = await postWebhook({
    url: d.url,
    headers: signedHeaders({ secret: d.secret, id: d.id, body }),
    body,
    timeoutMs: env.WEBHOOK_TIMEOUT_SECONDS * 1000,
  });
  const status = "status" in result ? result.status : null;
  const ok = status !== null && status >= 200 && status < 300;
  const delays = env.WEBHOOK_RETRY_DELAYS_SECONDS;
  const attempt = d.attempts + 1; // this one
  const retryIn = delays[attempt - 1];
  const outcome = ok ? "delivered" : retryIn === undefined ? "failed" : "retry";
  const error = ok ? null : "error" in result ? result.error : `answered ${status}`;
  await recordAttempt({
    id: d.id,
    responseStatus: status,
    error,
    outcome,
    retryInSeconds: retryIn,
  });
  logger.info("webhook attempt", { deliveryId: d.id, event: d.event, attempt, status, outcome });
  if (outcome === "retry")
    await enqueue(deliverWebhookJob, { deliveryId: d.id }, attempt, {
      // a second late rather than early: an attempt that arrives before the row is due claims nothing
      startAfter: Math.ceil(retryIn) + 1,
    });
}

export const deliverWebhookWorker = jobWorker({
  job: deliverWebhookJob,
  concurrency: () => 10,
  handle: ({ deliveryId }) => deliverOnce(deliveryId),
});

/**
 * Queues the deliveries nobody is sending. `fresh` (the backstop): those due for over
 * `overdueSeconds` — their job was lost, or ran a moment before the row fell due — and those
 * left `sending` by a stopped process, each as a new job. Otherwise (on a new event's notice)
 * the due ones under their attempt's own key, which queues nothing twice. Safe in every
 * worker at once: the claim lets one of them send.
 */
export async function sweepDeliveries(overdueSeconds: number, fresh: boolean): Promise<number> {
  const due = await listDueDeliveries({ overdueSeconds, limit: 200 });
  for (const d of due)
    await enqueue(
      deliverWebhookJob,
      { deliveryId: d.id },
      d.attempts,
      fresh || d.status === "sending" ? { id: randomUUID() } : {},
    ).catch(() => {});
  return due.length;
}

/**
 * In this worker: a sweep the moment a transaction that recorded deliveries commits (its
 * NOTIFY), and the backstop every few seconds. Returns the stop.
 */
export async function startDeliverySweep(everyMs = 5000): Promise<() => Promise<void>> {
  let running = false;
  let again = false;
  const sweep = (overdue: number, fresh: boolean) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    sweepDeliveries(overdue, fresh)
      .catch((err) => logger.warn("webhook sweep failed; the next one retries", errorFields(err)))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          sweep(0, false);
        }
      });
  };
  const listening = await listenForDeliveries(() => sweep(0, false));
  const timer = setInterval(() => sweep(10, true), everyMs);
  timer.unref();
  sweep(0, false);
  return async () => {
    clearInterval(timer);
    await listening.unlisten().catch(() => {});
  };
}
