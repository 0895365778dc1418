import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Db } from "../client";
import { assets, type Asset } from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function getAsset(id: string): Promise<Asset | undefined> {
  const [row] = await db().select().from(assets).where(and(eq(assets.id, id), isNull(assets.deletedAt)));
  return row;
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
  facts: FileFacts & { generationCost: number; generationTimeSeconds: number; modelVersion?: string; predictionId?: string },
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

export async function failAsset(id: string, message: string): Promise<Asset | undefined> {
  const [row] = await db()
    .update(assets)
    .set({ status: "failed", errorMessage: message })
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

/** Status counts of one stage's assets (a clip run, or the session's stage images). */
export async function countByStatus(ids: string[]): Promise<Record<Asset["status"], number>> {
  const counts = { generating: 0, completed: 0, failed: 0, approved: 0, rejected: 0 };
  if (ids.length === 0) return counts;
  const rows = await db()
    .select({ status: assets.status, n: sql<number>`count(*)::int` })
    .from(assets)
    .where(and(inArray(assets.id, ids), isNull(assets.deletedAt)))
    .groupBy(assets.status);
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
