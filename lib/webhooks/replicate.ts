// POST /api/webhooks/replicate: verify (./verify.ts), deduplicate by webhook-id in
// webhook_events, then apply. The event is recorded only after it was applied, so a delivery
// that failed half-way is applied again when Replicate retries it; a replay of an applied one
// is ignored, and events in any order (a "completed" before its "start") apply at most once
// because completing an asset is conditional on it still generating.
import { readBodyText } from "../api/route";
import { getAssetByPrediction } from "../db/queries/assets";
import { insertWebhookEvent, isWebhookEventSeen } from "../db/queries/webhook-events";
import { env } from "../env";
import { errorFields, logger } from "../logger";
import { jobRunningFor, wakeRemotePoller } from "../pipeline/prediction-wakeups";
import { wakePoller } from "../providers/replicate";
import { predictionSchema } from "../providers/replicate/prediction-shape";
import { ProviderError } from "../providers/types";
import { applyPrediction } from "./apply-prediction";
import { verifyWebhook } from "./verify";

const MAX_BODY_BYTES = 1024 * 1024;

export type WebhookResult = { status: 200 | 401 | 413 | 500; outcome: string };

export async function handleReplicateWebhook(req: Request): Promise<WebhookResult> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) return { status: 413, outcome: "too large" };
  // Reading stops at the limit (a chunked body declares no length): 413 from the wrapper.
  const body = await readBodyText(req, MAX_BODY_BYTES);
  const headers = {
    id: req.headers.get("webhook-id"),
    timestamp: req.headers.get("webhook-timestamp"),
    signature: req.headers.get("webhook-signature"),
  };
  const verdict = verifyWebhook(env.REPLICATE_WEBHOOK_SECRET, headers, body);
  if (!verdict.ok) {
    logger.warn("replicate webhook rejected", {
      reason: verdict.reason,
      webhookId: headers.id?.slice(0, 80),
    });
    return { status: 401, outcome: verdict.reason };
  }
  const webhookId = headers.id!.slice(0, 255);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = predictionSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn("replicate webhook with a body we cannot read", { webhookId });
    return { status: 200, outcome: "unreadable body ignored" };
  }
  const p = parsed.data;
  if (await isWebhookEventSeen({ webhookId })) return { status: 200, outcome: "duplicate" };
  let outcome: string;
  try {
    // A poller waiting on this prediction — in this process, or a job running in another
    // (lib/pipeline/prediction-wakeups.ts) — finishes it itself, now.
    const handedHere = p.status === "succeeded" && wakePoller(p.id);
    const handedAway = !handedHere && p.status === "succeeded" && (await jobRunningFor(p.id));
    if (handedAway) {
      await wakeRemotePoller(p.id);
      applyLaterIfStillWaiting(p);
    }
    outcome = handedHere || handedAway ? "handed to the poller" : await applyPrediction(p);
  } catch (err) {
    if (err instanceof ProviderError && err.kind === "permanent") {
      // e.g. garbage output: the poller fails the asset with this message and its cost row.
      outcome = `left to the poller: ${err.message}`;
    } else {
      logger.error("replicate webhook could not be applied; Replicate will retry it", {
        webhookId,
        predictionId: p.id,
        ...errorFields(err),
      });
      return { status: 500, outcome: "apply failed" };
    }
  }
  await insertWebhookEvent({
    values: {
      webhookId,
      predictionId: p.id,
      status: p.status,
      payload: {
        status: p.status,
        model: p.model,
        version: p.version,
        error: p.error ?? null,
        metrics: p.metrics ?? null,
        outcome,
      },
    },
  });
  if (outcome === "unknown-prediction") {
    // No asset: an LLM step (its prediction id lives in the session's metadata) or not ours.
    // A worker polling it, if any, hears at once instead of at its next poll.
    if (["succeeded", "failed", "canceled"].includes(p.status))
      await wakeRemotePoller(p.id).catch(() => {});
    logger.info("replicate webhook for a prediction without an asset", {
      predictionId: p.id,
      status: p.status,
    });
  }
  return { status: 200, outcome };
}

/** How long the job that was handed a result has to finish it before this process does. */
const HAND_OFF_GRACE_MS = 30_000;

/** If the job's worker died after the hand-off, the result is applied here after all. */
function applyLaterIfStillWaiting(p: Parameters<typeof applyPrediction>[0]): void {
  setTimeout(async () => {
    try {
      const asset = await getAssetByPrediction({ predictionId: p.id });
      if (asset?.status === "generating") await applyPrediction(p);
    } catch (err) {
      logger.warn("a handed-off prediction could not be applied; the job's retry finishes it", {
        predictionId: p.id,
        ...errorFields(err),
      });
    }
  }, HAND_OFF_GRACE_MS).unref();
}
