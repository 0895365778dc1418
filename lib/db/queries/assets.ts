import { and, asc, desc, eq, inArray, isNull, notInArray, or, type SQL, sql } from "drizzle-orm";
import type { StoredIntent } from "../../pipeline/asset-meta";
import { db } from "../client";
import { type Asset, assets, sessions } from "../schema";
import type { DbOrTx, Tx } from "./tx";

export type NewAsset = typeof assets.$inferInsert;
type AssetStatus = Asset["status"];

/** A live (not deleted) asset; `tx` reads it inside the caller's transaction. */
export async function getAsset({
  tx = db(),
  id,
}: {
  tx?: DbOrTx;
  id: string;
}): Promise<Asset | undefined> {
  const [row] = await tx
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

/** The session an asset belongs to (deleted or not), for log lines. */
export async function getAssetSessionId({ id }: { id: string }): Promise<string | undefined> {
  const [row] = await db()
    .select({ sessionId: assets.sessionId })
    .from(assets)
    .where(eq(assets.id, id));
  return row?.sessionId;
}

/** An asset's status (deleted or not): a running job checks it to learn it is no longer wanted. */
export async function getAssetStatus({ id }: { id: string }): Promise<AssetStatus | undefined> {
  const [row] = await db().select({ status: assets.status }).from(assets).where(eq(assets.id, id));
  return row?.status;
}

/** The live asset a remote prediction belongs to (webhooks). */
export async function getAssetByPrediction({
  predictionId,
}: {
  predictionId: string;
}): Promise<Asset | undefined> {
  const [row] = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.predictionId, predictionId), isNull(assets.deletedAt)));
  return row;
}

/** The session's live assets among `ids` (any order; missing ones are simply absent). */
export async function listSessionAssetsByIds({
  tx = db(),
  sessionId,
  ids,
}: {
  tx?: DbOrTx;
  sessionId: string;
  ids: string[];
}): Promise<Asset[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), inArray(assets.id, ids), isNull(assets.deletedAt)));
}

export async function listSessionAssets({ sessionId }: { sessionId: string }): Promise<Asset[]> {
  return db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), isNull(assets.deletedAt)))
    .orderBy(asc(assets.createdAt), asc(sql`(${assets.metadata}->>'index')::int`));
}

/** The session's live music in this status, newest first. */
export async function listSessionAudio({
  sessionId,
  status,
}: {
  sessionId: string;
  status: AssetStatus;
}): Promise<Asset[]> {
  return db()
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.sessionId, sessionId),
        eq(assets.type, "audio"),
        eq(assets.status, status),
        isNull(assets.deletedAt),
      ),
    )
    .orderBy(desc(assets.createdAt));
}

/** A take of `replaces` that is still being made (POST /api/assets/:id/regenerate repeats). */
export async function getTakeInProgress({
  tx = db(),
  sessionId,
  replaces,
}: {
  tx?: DbOrTx;
  sessionId: string;
  replaces: string;
}): Promise<Asset | undefined> {
  const [row] = await tx
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.sessionId, sessionId),
        eq(assets.status, "generating"),
        sql`${assets.metadata}->>'replaces' = ${replaces}`,
      ),
    );
  return row;
}

/**
 * Generating assets, of live sessions, unchanged for `quietSeconds` (the sweeper's
 * candidates), with how long each has been silent.
 */
export async function listQuietGeneratingAssets({ quietSeconds }: { quietSeconds: number }) {
  return db()
    .select({
      id: assets.id,
      sessionId: assets.sessionId,
      type: assets.type,
      silent: sql<number>`extract(epoch from now() - ${assets.updatedAt})::float`,
    })
    .from(assets)
    .innerJoin(sessions, eq(sessions.id, assets.sessionId))
    .where(
      and(
        eq(assets.status, "generating"),
        isNull(assets.deletedAt),
        isNull(sessions.deletedAt),
        sql`${assets.updatedAt} < now() - make_interval(secs => ${quietSeconds})`,
      ),
    );
}

export async function insertAssets({
  tx = db(),
  values,
}: {
  tx?: DbOrTx;
  values: NewAsset[];
}): Promise<Asset[]> {
  if (values.length === 0) return [];
  return tx.insert(assets).values(values).returning();
}

export async function updateAsset({
  tx = db(),
  id,
  set,
}: {
  tx?: DbOrTx;
  id: string;
  set: Partial<NewAsset>;
}): Promise<Asset | undefined> {
  const [row] = await tx.update(assets).set(set).where(eq(assets.id, id)).returning();
  return row;
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
export async function completeAsset({
  tx = db(),
  id,
  facts,
}: {
  tx?: DbOrTx;
  id: string;
  facts: FileFacts & {
    generationCost: number;
    generationTimeSeconds: number;
    modelVersion?: string;
    predictionId?: string;
  };
}): Promise<Asset | undefined> {
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
export async function failAsset({
  id,
  message,
}: {
  id: string;
  message: string;
}): Promise<Asset | undefined> {
  const [row] = await db()
    .update(assets)
    .set({ status: "failed", errorMessage: message, retryCount: sql`${assets.retryCount} + 1` })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")))
    .returning();
  return row;
}

/** Notes a failed attempt that will be retried. */
export async function noteAttemptFailed({
  id,
  message,
}: {
  id: string;
  message: string;
}): Promise<void> {
  await db()
    .update(assets)
    .set({ retryCount: sql`${assets.retryCount} + 1`, errorMessage: message })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")));
}

/** Merges `entries` into a generating asset's metadata in one statement (no read). */
async function mergeGeneratingMetadata({ id, entries }: { id: string; entries: SQL }) {
  await db()
    .update(assets)
    .set({ metadata: sql`coalesce(${assets.metadata}, '{}'::jsonb) || ${entries}` })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")));
}

/** The remote prediction of a generating asset, and the attempt (retry_count) it belongs to. */
export async function setAssetPrediction({
  id,
  predictionId,
  attempt,
}: {
  id: string;
  predictionId: string;
  attempt: number;
}): Promise<void> {
  await db()
    .update(assets)
    .set({
      predictionId,
      metadata: sql`coalesce(${assets.metadata}, '{}'::jsonb) || jsonb_build_object('predictionAttempt', ${attempt}::int)`,
    })
    .where(and(eq(assets.id, id), eq(assets.status, "generating")));
}

/** Hands the asset's prediction to its next attempt (the current retry_count). */
export async function carryAssetPredictionForward({ id }: { id: string }): Promise<void> {
  await mergeGeneratingMetadata({
    id,
    entries: sql`jsonb_build_object('predictionAttempt', ${assets.retryCount})`,
  });
}

/** What the asset's provider call is about to create (written before the create). */
export async function setAssetPredictionIntent({
  id,
  intent,
}: {
  id: string;
  intent: StoredIntent;
}): Promise<void> {
  await mergeGeneratingMetadata({
    id,
    entries: sql`jsonb_build_object('predictionIntent', ${JSON.stringify(intent)}::jsonb)`,
  });
}

/** True when the prediction is already recorded for other work (an asset, a cost row, a pending LLM call). */
export async function isPredictionTaken({
  predictionId,
  exceptAssetId,
}: {
  predictionId: string;
  exceptAssetId?: string;
}): Promise<boolean> {
  const rows = await db().execute(sql`
    select 1 from assets where prediction_id = ${predictionId} and id is distinct from ${exceptAssetId ?? null}::uuid
    union all select 1 from generation_costs where api_call_id = ${predictionId}
    union all select 1 from sessions where exists (select 1 from jsonb_each_text(coalesce(metadata->'pendingPredictions', '{}'::jsonb)) p where p.value = ${predictionId})
    limit 1`);
  return rows.length > 0;
}

/** A regeneration (POST /api/assets/:id/regenerate) records the asset it may replace. */
const notRegeneration = sql`not (coalesce(${assets.metadata}, '{}'::jsonb) ? 'replaces')`;

/**
 * Status counts of one stage's assets (a clip run, or the session's stage images).
 * Regenerations of single assets are not part of any stage and are not counted.
 */
export async function countByStatus({
  ids,
}: {
  ids: string[];
}): Promise<Record<AssetStatus, number>> {
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
export async function resetFailedStageAssets({
  tx,
  ids,
}: {
  tx: Tx;
  ids: string[];
}): Promise<Asset[]> {
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
export async function failGeneratingAssets({
  tx = db(),
  sessionId,
  message,
}: {
  tx?: DbOrTx;
  sessionId: string;
  message: string;
}): Promise<number> {
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

/**
 * A mood board's choice: `ids` become approved, user-selected and ordered 1..n; the type's
 * assets approved before but not chosen now go back to `completed`.
 */
export async function writeAssetSelection({
  tx,
  sessionId,
  type,
  ids,
}: {
  tx: Tx;
  sessionId: string;
  type: Asset["type"];
  ids: string[];
}): Promise<void> {
  await tx
    .update(assets)
    .set({
      status: sql`case when ${assets.status} = 'approved' then 'completed'::asset_status else ${assets.status} end`,
      userSelected: false,
      selectionOrder: null,
    })
    .where(
      and(
        eq(assets.sessionId, sessionId),
        eq(assets.type, type),
        isNull(assets.deletedAt),
        or(eq(assets.status, "approved"), eq(assets.userSelected, true)),
        ids.length ? notInArray(assets.id, ids) : undefined,
      ),
    );
  for (const [i, id] of ids.entries()) {
    await tx
      .update(assets)
      .set({ status: "approved", userSelected: true, selectionOrder: i + 1 })
      .where(eq(assets.id, id));
  }
}

export async function softDeleteSessionAssets({
  tx = db(),
  sessionId,
}: {
  tx?: DbOrTx;
  sessionId: string;
}): Promise<void> {
  await tx
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(assets.sessionId, sessionId), isNull(assets.deletedAt)));
}

export async function softDeleteAsset({ tx = db(), id }: { tx?: DbOrTx; id: string }) {
  await tx
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(assets.id, id), isNull(assets.deletedAt)));
}
