// The queue of files to remove from storage (storage_deletions). Rows are written in the
// transaction that leaves the files unreferenced — an ad's deletion, a retention pass — and
// removed one by one once each file is gone, so a crash midway leaves exactly the work
// still to do. An asset's files are its video or image (storage_path) and, for a final
// video, the poster and thumbnail beside it (metadata.posterKey / thumbnailKey).
import { asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../client";
import { sessions, storageDeletions } from "../schema";
import type { DbOrTx } from "./tx";

/** Every stored file of an asset row `a`, one per row of the lateral join. */
const FILES_OF_A = sql.raw(
  `cross join lateral unnest(array[a.storage_path, a.metadata->>'posterKey', a.metadata->>'thumbnailKey']) as f(key)`,
);

/**
 * Records every file of the session's assets (live or not, unless already recorded) for
 * removal, in the caller's transaction (the ad's soft delete). Returns how many.
 */
export async function recordSessionFiles({
  tx = db(),
  sessionId,
}: {
  tx?: DbOrTx;
  sessionId: string;
}): Promise<number> {
  const rows = await tx.execute<{ key: string }>(sql`
    with a as (
      update assets set files_deleted_at = now()
      where session_id = ${sessionId} and files_deleted_at is null
      returning storage_path, metadata
    )
    insert into storage_deletions (key, session_id, reason)
    select distinct f.key, ${sessionId}::uuid, 'ad deleted' from a ${FILES_OF_A}
    where f.key is not null and f.key <> ''
    on conflict (key) do nothing
    returning key`);
  return rows.length;
}

/** What a retention pass handed over for removal, by kind of superseded file. */
export type SupersededCounts = { uploads: number; takes: number; finalVideos: number };

/**
 * One retention pass, in one transaction: the superseded assets last changed before
 * `cutoff` get `files_deleted_at` (and `deleted_at`: they leave the ad) and their files a
 * row in storage_deletions. What "superseded" means is written at lib/storage/lifecycle/retention.ts.
 * Each UPDATE re-checks its conditions on the row it changes, so a take restored or a video
 * made the main one at the same moment is left alone.
 */
export async function recordSupersededFiles({
  tx = db(),
  cutoff,
}: {
  tx?: DbOrTx;
  cutoff: Date;
}): Promise<SupersededCounts> {
  const at = cutoff.toISOString();
  const live = sql.raw(
    `s.id = a.session_id and s.deleted_at is null and a.files_deleted_at is null`,
  );
  const record = async (reason: string, update: ReturnType<typeof sql>) => {
    const rows = await tx.execute<{ n: number }>(sql`
      with a as (${update} returning a.session_id, a.storage_path, a.metadata),
      k as (
        insert into storage_deletions (key, session_id, reason)
        select distinct f.key, a.session_id, ${reason} from a ${FILES_OF_A}
        where f.key is not null and f.key <> ''
        on conflict (key) do nothing
      )
      select count(*)::int as n from a`);
    return rows[0]?.n ?? 0;
  };

  const uploads = await record(
    "replaced upload",
    sql`update assets a set files_deleted_at = now() from sessions s
      where ${live} and a.deleted_at is not null and a.deleted_at < ${at}::timestamptz`,
  );
  const takes = await record(
    "take not kept",
    sql`update assets a set deleted_at = now(), files_deleted_at = now() from sessions s
      where ${live} and a.deleted_at is null
        and a.type in ('image', 'video_clip') and a.status = 'rejected'
        and a.updated_at < ${at}::timestamptz
        and not (a.id = any(coalesce(s.approved_image_ids, '{}') || coalesce(s.approved_clip_ids, '{}')))
        and not exists (select 1 from assets c where c.source_image_id = a.id and c.deleted_at is null)
        and exists (
          select 1 from assets o
          where o.session_id = a.session_id and o.deleted_at is null and o.id <> a.id
            and o.status in ('completed', 'approved')
            and (o.id::text = a.metadata->>'replaces' or o.metadata->>'replaces' = a.id::text))`,
  );
  const finalVideos = await record(
    "older video",
    sql`update assets a set deleted_at = now(), files_deleted_at = now() from sessions s
      where ${live} and a.deleted_at is null and a.type = 'final_video'
        and a.id is distinct from s.final_video_id
        and exists (
          select 1 from assets n
          where n.session_id = a.session_id and n.type = 'final_video' and n.deleted_at is null
            and n.status in ('completed', 'approved')
            and n.created_at > a.created_at and n.created_at < ${at}::timestamptz
            and coalesce(n.metadata->>'aspectRatio', '') = coalesce(a.metadata->>'aspectRatio', '')
            and coalesce(n.metadata->>'variant', '') = coalesce(a.metadata->>'variant', ''))`,
  );
  return { uploads, takes, finalVideos };
}

/** Files waiting for removal: of one session, or all; the oldest first. */
export async function listStorageDeletions({
  sessionId,
  limit,
}: {
  sessionId?: string;
  limit: number;
}): Promise<{ key: string; sessionId: string | null; reason: string }[]> {
  return db()
    .select({
      key: storageDeletions.key,
      sessionId: storageDeletions.sessionId,
      reason: storageDeletions.reason,
    })
    .from(storageDeletions)
    .where(sessionId ? eq(storageDeletions.sessionId, sessionId) : undefined)
    .orderBy(asc(storageDeletions.requestedAt), asc(storageDeletions.key))
    .limit(limit);
}

/** The files are gone: their rows go too. */
export async function removeStorageDeletions({ keys }: { keys: string[] }): Promise<void> {
  if (keys.length === 0) return;
  await db().delete(storageDeletions).where(inArray(storageDeletions.key, keys));
}

/** A removal failed: counted and explained on the row, which stays for the next attempt. */
export async function noteStorageDeletionFailed({
  key,
  error,
}: {
  key: string;
  error: string;
}): Promise<void> {
  await db()
    .update(storageDeletions)
    .set({ attempts: sql`${storageDeletions.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(storageDeletions.key, key));
}

export async function countStorageDeletions({
  sessionId,
}: {
  sessionId?: string;
} = {}): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(storageDeletions)
    .where(sessionId ? eq(storageDeletions.sessionId, sessionId) : undefined);
  return row?.n ?? 0;
}

/** Whether the session is live, deleted (soft: deleted_at set) or unknown to this database. */
export async function getSessionState({
  id,
}: {
  id: string;
}): Promise<"live" | "deleted" | "unknown"> {
  const [row] = await db()
    .select({ deletedAt: sessions.deletedAt })
    .from(sessions)
    .where(eq(sessions.id, id));
  return !row ? "unknown" : row.deletedAt ? "deleted" : "live";
}
