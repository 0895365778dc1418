import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Db, db } from "../client";
import { type Asset, assets, sessions } from "../schema";
import type { DbOrTx, Tx } from "./tx";

export async function getAsset(id: string): Promise<Asset | undefined> {
  const [row] = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.id, id), isNull(assets.deletedAt)));
  return row;
}

/** An asset of one of the user's own, not deleted sessions; undefined otherwise (answer 404). */
export async function getOwnAsset({
  id,
  userId,
}: {
  id: string;
  userId: number;
}): Promise<Asset | undefined> {
  const [row] = await db()
    .select({ asset: assets })
    .from(assets)
    .innerJoin(sessions, eq(sessions.id, assets.sessionId))
    .where(
      and(
        eq(assets.id, id),
        isNull(assets.deletedAt),
        eq(sessions.userId, userId),
        isNull(sessions.deletedAt),
      ),
    );
  return row?.asset;
}

/** The session's live assets among `ids` (any order; missing ones are simply absent). */
export async function listSessionAssetsByIds(
  tx: DbOrTx,
  sessionId: string,
  ids: string[],
): Promise<Asset[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), inArray(assets.id, ids), isNull(assets.deletedAt)));
}

export async function listSessionAssets(sessionId: string): Promise<Asset[]> {
  return db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), isNull(assets.deletedAt)))
    .orderBy(asc(assets.createdAt), asc(sql`(${assets.metadata}->>'index')::int`));
}

export type FileFacts = {
  url: string;
  storagePath: string;
  fileSizeBytes: number;
  mimeType: string;
  resolution?: string;
  durationSeconds?: number;
  fps?: number;
};

/**
 * Marks a generating asset completed with its file facts. Conditional on it still being
 * `generating`: a cancelled asset, or one a parallel run already finished, is left alone
 * and the caller learns it lost (undefined).
 */
export async function completeAsset(
  tx: Tx | Db,
  id: string,
  facts: FileFacts & {
    generationCost: number;
    generationTimeSeconds: number;
    modelVersion?: string;
    predictionId?: string;
  },
): Promise<Asset | undefined> {
  const [row] = await tx
    .update(assets)
    .set({
      status: "completed",
      url: facts.url,
      storagePath: facts.storagePath,
      fileSizeBytes: facts.fileSizeBytes,
      mimeType: facts.mimeType,
      resolution: facts.resolution,
      durationSeconds: facts.durationSeconds?.toFixed(3),
      fps: facts.fps,
      generationCost: facts.generationCost.toFixed(4),
      generationTimeSeconds: facts.generationTimeSeconds.toFixed(2),
      modelVersion: facts.modelVersion,
      predictionId: facts.predictionId,
      errorMessage: null,
    })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")))
    .returning();
  return row;
}

/** Fails a generating asset for good; the failed attempt counts in retry_count. */
export async function failAsset(id: string, message: string): Promise<Asset | undefined> {
  const [row] = await db()
    .update(assets)
    .set({ status: "failed", errorMessage: message, retryCount: sql`${assets.retryCount} + 1` })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")))
    .returning();
  return row;
}

/** Notes a failed attempt that will be retried. */
export async function noteAttemptFailed(id: string, message: string): Promise<void> {
  await db()
    .update(assets)
    .set({ retryCount: sql`${assets.retryCount} + 1`, errorMessage: message })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")));
}

/** A regeneration (POST /api/assets/:id/regenerate) records the asset it may replace. */
const notRegeneration = sql`not (coalesce(${assets.metadata}, '{}'::jsonb) ? 'replaces')`;

/**
 * Status counts of one stage's assets (a clip run, or the session's stage images).
 * Regenerations of single assets are not part of any stage and are not counted.
 */
export async function countByStatus(ids: string[]): Promise<Record<Asset["status"], number>> {
  const counts = { generating: 0, completed: 0, failed: 0, approved: 0, rejected: 0 };
  if (ids.length === 0) return counts;
  const rows = await db()
    .select({ status: assets.status, n: sql<number>`count(*)::int` })
    .from(assets)
    .where(and(inArray(assets.id, ids), isNull(assets.deletedAt), notRegeneration))
    .groupBy(assets.status);
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/**
 * Puts a stage's failed assets back to `generating` so their jobs run again (same rows: a
 * finished asset is never touched, a retried one never duplicated; retry_count is kept).
 */
export async function resetFailedStageAssets(tx: Tx, ids: string[]): Promise<Asset[]> {
  if (ids.length === 0) return [];
  return tx
    .update(assets)
    .set({ status: "generating", errorMessage: null })
    .where(
      and(
        inArray(assets.id, ids),
        eq(assets.status, "failed"),
        isNull(assets.deletedAt),
        notRegeneration,
      ),
    )
    .returning();
}

/** Stops every asset of the session still generating (cancel, delete): their jobs see it and quit. */
export async function failGeneratingAssets(
  tx: DbOrTx,
  sessionId: string,
  message: string,
): Promise<number> {
  const rows = await tx
    .update(assets)
    .set({ status: "failed", errorMessage: message })
    .where(
      and(
        eq(assets.sessionId, sessionId),
        eq(assets.status, "generating"),
        isNull(assets.deletedAt),
      ),
    )
    .returning({ id: assets.id });
  return rows.length;
}

export async function softDeleteSessionAssets(tx: DbOrTx, sessionId: string): Promise<void> {
  await tx
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(assets.sessionId, sessionId), isNull(assets.deletedAt)));
}

export async function softDeleteAsset(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(assets.id, id), isNull(assets.deletedAt)));
}
