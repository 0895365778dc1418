// Remote predictions are paid work: their ids are written down the moment they exist, so a
// crashed or retried job re-attaches to its prediction instead of paying for a new one.
// An asset's prediction belongs to one attempt (assets.retry_count when it was created):
// a deliberate re-run (the asset failed for good, then the user retried) starts afresh,
// while a crash or a transient error (a poll that timed out) carries it to the next attempt.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../db/client";
import { assets, sessions, type Asset } from "../db/schema";

/** The prediction a job on this asset should re-attach to, if any. */
export function predictionToResume(asset: Pick<Asset, "predictionId" | "retryCount" | "metadata">): string | undefined {
  const attempt = (asset.metadata as { predictionAttempt?: number } | null)?.predictionAttempt;
  return asset.predictionId && attempt === asset.retryCount ? asset.predictionId : undefined;
}

export async function rememberAssetPrediction(assetId: string, predictionId: string, attempt: number): Promise<void> {
  await db()
    .update(assets)
    .set({
      predictionId,
      metadata: sql`coalesce(${assets.metadata}, '{}'::jsonb) || jsonb_build_object('predictionAttempt', ${attempt}::int)`,
    })
    .where(and(eq(assets.id, assetId), eq(assets.status, "generating")));
}

/** After a transient failure (retry_count already incremented): the next attempt re-attaches. */
export async function carryPredictionForward(assetId: string): Promise<void> {
  await db()
    .update(assets)
    .set({ metadata: sql`coalesce(${assets.metadata}, '{}'::jsonb) || jsonb_build_object('predictionAttempt', ${assets.retryCount})` })
    .where(and(eq(assets.id, assetId), eq(assets.status, "generating")));
}

/** LLM calls have no asset: the pending prediction waits in sessions.metadata.pendingPredictions. */
export async function rememberSessionPrediction(sessionId: string, key: string, predictionId: string): Promise<void> {
  await db()
    .update(sessions)
    .set({
      metadata: sql`coalesce(${sessions.metadata}, '{}'::jsonb) || jsonb_build_object('pendingPredictions',
        coalesce(${sessions.metadata}->'pendingPredictions', '{}'::jsonb) || jsonb_build_object(${key}::text, ${predictionId}::text))`,
    })
    .where(eq(sessions.id, sessionId));
}
