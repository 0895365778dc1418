// Remote predictions are paid work: their ids are written down the moment they exist, so a
// crashed or retried job re-attaches to its prediction instead of paying for a new one.
// An asset's prediction belongs to one attempt (assets.retry_count when it was created):
// a deliberate re-run (the asset failed for good, then the user retried) starts afresh,
// while a crash or a transient error (a poll that timed out) carries it to the next attempt.
import {
  carryAssetPredictionForward,
  isPredictionTaken,
  setAssetPrediction,
  setAssetPredictionIntent,
} from "../db/queries/assets";
import { mergeSessionMetadataEntry } from "../db/queries/sessions";
import type { Asset } from "../db/schema";
import type { CallContext, PredictionIntent } from "../providers/types";
import { readAssetMeta, type StoredIntent } from "./asset-meta";
import { type CostCategory, recordAbandonedCall } from "./ledger";
import { readMeta } from "./session-meta";

/** The part of a provider call's context that ties it to its prediction. */
export type PredictionHooks = Pick<
  CallContext,
  | "existingPredictionId"
  | "pendingIntent"
  | "onPredictionIntent"
  | "isPredictionTaken"
  | "onAbandonedPrediction"
  | "onPredictionCreated"
>;

/** The prediction a job on this asset should re-attach to, if any. */
export function predictionToResume(
  asset: Pick<Asset, "predictionId" | "retryCount" | "metadata">,
): string | undefined {
  const attempt = readAssetMeta(asset).predictionAttempt;
  return asset.predictionId && attempt === asset.retryCount ? asset.predictionId : undefined;
}

export async function rememberAssetPrediction(
  assetId: string,
  predictionId: string,
  attempt: number,
): Promise<void> {
  await setAssetPrediction({ id: assetId, predictionId, attempt });
}

/** After a transient failure (retry_count already incremented): the next attempt re-attaches. */
export async function carryPredictionForward(assetId: string): Promise<void> {
  await carryAssetPredictionForward({ id: assetId });
}

/** LLM calls have no asset: the pending prediction waits in sessions.metadata.pendingPredictions. */
export async function rememberSessionPrediction(
  sessionId: string,
  key: string,
  predictionId: string,
): Promise<void> {
  await mergeSessionMetadataEntry({
    id: sessionId,
    field: "pendingPredictions",
    key,
    value: predictionId,
  });
}

// Intents (lib/providers/replicate/adopt-prediction.ts): written just before a create, so an
// attempt killed before the id was written can find its prediction instead of paying again.

export async function rememberAssetIntent(
  assetId: string,
  attempt: number,
  intent: PredictionIntent,
): Promise<void> {
  const stored: StoredIntent = { ...intent, attempt };
  await setAssetPredictionIntent({ id: assetId, intent: stored });
}

/** The intent of this attempt that never got as far as recording a prediction id, if any. */
export function intentToResume(
  asset: Pick<Asset, "predictionId" | "retryCount" | "metadata">,
): PredictionIntent | undefined {
  if (predictionToResume(asset)) return undefined;
  const i = readAssetMeta(asset).predictionIntent;
  return i && i.attempt === asset.retryCount
    ? { model: i.model, inputHash: i.inputHash, since: i.since }
    : undefined;
}

export async function rememberSessionIntent(
  sessionId: string,
  key: string,
  intent: PredictionIntent,
): Promise<void> {
  await mergeSessionMetadataEntry({ id: sessionId, field: "pendingIntents", key, value: intent });
}

/** A session-level call's intent (LLM: "parse", "plan-<run>") whose prediction id was never written. */
export function sessionIntentToResume(
  metadata: unknown,
  key: string,
): PredictionIntent | undefined {
  const m = readMeta({ metadata });
  return m.pendingPredictions?.[key] ? undefined : (m.pendingIntents?.[key] ?? undefined);
}

/** True when the prediction is already recorded for other work (an asset, a cost row, a pending LLM call). */
export async function predictionTaken(
  predictionId: string,
  exceptAssetId?: string,
): Promise<boolean> {
  return isPredictionTaken({ predictionId, exceptAssetId });
}

/**
 * The call options that bind a provider call to its asset's prediction: re-attach to the one
 * an earlier attempt started, write down its intent and id as they appear, never adopt one
 * that belongs to other work, and record a lost one in the ledger. `onCreated` hears the id
 * first (a job keeps it for the failure's cost row).
 */
export function assetPredictionHooks(
  asset: Pick<Asset, "id" | "predictionId" | "retryCount" | "metadata">,
  opts: {
    sessionId: string;
    category: CostCategory;
    model: string;
    onCreated?: (predictionId: string) => void;
  },
): PredictionHooks {
  const attempt = asset.retryCount;
  return {
    existingPredictionId: predictionToResume(asset),
    pendingIntent: intentToResume(asset),
    onPredictionIntent: (intent) => rememberAssetIntent(asset.id, attempt, intent),
    isPredictionTaken: (id) => predictionTaken(id, asset.id),
    onAbandonedPrediction: (lost) =>
      recordAbandonedCall({
        sessionId: opts.sessionId,
        assetId: asset.id,
        category: opts.category,
        model: opts.model,
        prediction: lost,
      }),
    onPredictionCreated: async (id) => {
      opts.onCreated?.(id);
      await rememberAssetPrediction(asset.id, id, attempt);
    },
  };
}

/** The same for an LLM call of the session (no asset): its prediction waits under `key` ("parse", "plan-<run>"). */
export function sessionPredictionHooks(
  sessionId: string,
  metadata: unknown,
  key: string,
  opts: { model: string; onCreated?: (predictionId: string) => void },
): PredictionHooks {
  return {
    existingPredictionId: readMeta({ metadata }).pendingPredictions?.[key] ?? undefined,
    pendingIntent: sessionIntentToResume(metadata, key),
    onPredictionIntent: (intent) => rememberSessionIntent(sessionId, key, intent),
    isPredictionTaken: (id) => predictionTaken(id),
    onAbandonedPrediction: (lost) =>
      recordAbandonedCall({ sessionId, category: "llm", model: opts.model, prediction: lost }),
    onPredictionCreated: async (id) => {
      opts.onCreated?.(id);
      await rememberSessionPrediction(sessionId, key, id);
    },
  };
}
