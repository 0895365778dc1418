// What a job does when its provider call throws: record the failed call in the ledger, then
// either hand the error back to the queue (transient, tries left) or give up with a message —
// failing the asset (images, clips; its prediction carries over to a next attempt) or the
// session (the LLM steps).
import { failAsset, getAsset, noteAttemptFailed } from "../../db/queries/assets";
import type { Session } from "../../db/schema";
import type { CallRecord } from "../../providers/types";
import { type CostCategory, recordCall } from "../ledger";
import { carryPredictionForward } from "../prediction-ids";
import { publishProgress } from "../progress";
import { classify, type JobAttempt, shouldRetry } from "../run-call";
import { moveSession } from "../status";

/** True when the asset was finished by someone else meanwhile (a webhook, a run that lived on). */
export async function finishedElsewhere(assetId: string): Promise<boolean> {
  const now = await getAsset({ id: assetId });
  return now !== undefined && ["completed", "approved", "rejected"].includes(now.status);
}

type FailedCall = {
  job: JobAttempt;
  sessionId: string;
  category: CostCategory;
  provider: CallRecord["provider"];
  model: string;
  /** When the call started (its latency goes in the cost row). */
  started: number;
  predictionId?: string;
};

/** Classifies the error and writes the failed call's cost row (amount 0). */
async function recordFailure(err: unknown, c: FailedCall & { assetId?: string }) {
  const e = classify(err);
  await recordCall({
    sessionId: c.sessionId,
    assetId: c.assetId,
    category: c.category,
    call: {
      amountUsd: 0,
      provider: c.provider,
      model: c.model,
      latencyMs: Date.now() - c.started,
      predictionId: c.predictionId,
    },
    success: false,
    errorMessage: e.message,
  });
  return e;
}

export async function handleAssetCallFailure(
  err: unknown,
  o: FailedCall & {
    assetId: string;
    signal: AbortSignal;
    /** The progress message's start, e.g. "An image could not be made". */
    what: string;
  },
): Promise<void> {
  if (await finishedElsewhere(o.assetId)) return;
  const e = await recordFailure(err, o);
  if (shouldRetry(e, o.job, o.signal)) {
    await noteAttemptFailed({ id: o.assetId, message: e.message });
    await carryPredictionForward(o.assetId);
    throw e;
  }
  const failed = await failAsset({
    id: o.assetId,
    message: o.signal.aborted ? "Cancelled." : e.message,
  });
  if (failed) await publishProgress(o.sessionId, `${o.what}: ${e.message}`, failed);
}

/** An LLM step failed: retried while it may, then the session fails from `from` with `message(reason)`. */
export async function handleSessionCallFailure(
  err: unknown,
  o: FailedCall & { from: Session["status"][]; message: (reason: string) => string },
): Promise<void> {
  const e = await recordFailure(err, o);
  if (shouldRetry(e, o.job)) throw e;
  const failed = await moveSession({
    id: o.sessionId,
    to: "failed",
    from: o.from,
    errorMessage: o.message(e.message),
  });
  if (failed) await publishProgress(o.sessionId, failed.errorMessage ?? "Failed");
}
