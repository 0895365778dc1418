// What the database says should be in storage, read session by session in id order — the
// order storage lists `sessions/<id>/…` keys in — so the storage sweep can walk both side
// by side without holding either whole.
import { and, asc, gt, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { sessions } from "../schema";

/** Up to `limit` live (not deleted) session ids after `after`, in id order. */
export async function listLiveSessionIds({
  after,
  limit,
}: {
  after?: string;
  limit: number;
}): Promise<string[]> {
  const rows = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(isNull(sessions.deletedAt), after ? gt(sessions.id, after) : undefined))
    .orderBy(asc(sessions.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export type SessionFile = {
  sessionId: string;
  assetId: string;
  key: string;
  /** The asset is live and finished: its file must exist (else it is reported missing). */
  expected: boolean;
};

/**
 * The files the assets of these sessions hold. Every asset whose files were not handed to
 * storage_deletions keeps its files: live ones, and hidden ones (a replaced upload) until
 * their retention ends.
 */
export async function listSessionFiles({
  sessionIds,
}: {
  sessionIds: string[];
}): Promise<SessionFile[]> {
  if (sessionIds.length === 0) return [];
  const ids = sql.join(
    sessionIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await db().execute<{
    session_id: string;
    asset_id: string;
    key: string;
    expected: boolean;
  }>(sql`
    select a.session_id, a.id as asset_id, f.key,
      (a.deleted_at is null and a.status in ('completed', 'approved', 'rejected')) as expected
    from assets a
    cross join lateral unnest(array[a.storage_path, a.metadata->>'posterKey', a.metadata->>'thumbnailKey']) as f(key)
    where a.session_id in (${ids}) and a.files_deleted_at is null
      and f.key is not null and f.key <> ''`);
  return rows.map((r) => ({
    sessionId: r.session_id,
    assetId: r.asset_id,
    key: r.key,
    expected: r.expected,
  }));
}
