// What the per-user quotas count (lib/quotas/ decides the policy): ads in a working status,
// the counted requests of the last window (usage_events), takes per ad, and the bytes of a
// user's live files. A check and the change it allows run in one transaction under the
// user's quota lock, so two concurrent requests cannot both take the last slot.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { assets, type Session, sessions, type UsageEventKind, usageEvents } from "../schema";
import type { DbOrTx, Tx } from "./tx";

/** Serialises the quota checks of one user until the transaction ends. */
export async function lockUserQuotas({ tx, userId }: { tx: Tx; userId: number }): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${userId}`}))`);
}

/** The user's live sessions in one of these statuses. */
export async function countSessionsInStatus({
  tx,
  userId,
  statuses,
}: {
  tx?: DbOrTx;
  userId: number;
  statuses: Session["status"][];
}): Promise<number> {
  const [row] = await (tx ?? db())
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.deletedAt),
        inArray(sessions.status, statuses),
      ),
    );
  return row?.n ?? 0;
}

/**
 * The user's events of this kind inside the window, oldest first, each with the seconds
 * until it leaves the window (by the database's clock).
 */
export async function listRecentUsageEvents({
  tx,
  userId,
  kind,
  windowSeconds,
}: {
  tx?: DbOrTx;
  userId: number;
  kind: UsageEventKind;
  windowSeconds: number;
}): Promise<{ leavesAt: Date; secondsLeft: number }[]> {
  const leaves = sql`${usageEvents.createdAt} + make_interval(secs => ${windowSeconds})`;
  const rows = await (tx ?? db())
    .select({
      leavesAt: sql<string>`${leaves}`,
      secondsLeft: sql<number>`ceil(extract(epoch from ${leaves} - now()))::int`,
    })
    .from(usageEvents)
    .where(and(eq(usageEvents.userId, userId), eq(usageEvents.kind, kind), sql`${leaves} > now()`))
    .orderBy(usageEvents.createdAt);
  return rows.map((r) => ({ leavesAt: new Date(r.leavesAt), secondsLeft: r.secondsLeft }));
}

/** Counts one request; events older than a day (past every window) are dropped on the way. */
export async function insertUsageEvent({
  tx,
  userId,
  kind,
}: {
  tx: Tx;
  userId: number;
  kind: UsageEventKind;
}): Promise<void> {
  await tx
    .delete(usageEvents)
    .where(
      and(eq(usageEvents.userId, userId), sql`${usageEvents.createdAt} < now() - interval '1 day'`),
    );
  await tx.insert(usageEvents).values({ userId, kind });
}

/** Takes ever started of this session's images and clips (deleted ones too: they were made). */
export async function countTakes({
  tx,
  sessionId,
}: {
  tx?: DbOrTx;
  sessionId: string;
}): Promise<number> {
  const [row] = await (tx ?? db())
    .select({ n: sql<number>`count(*)::int` })
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), sql`${assets.metadata} ? 'replaces'`));
  return row?.n ?? 0;
}

/** The most takes any one of the user's live sessions has. */
export async function getMostTakesPerSession({ userId }: { userId: number }): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`coalesce(max(t.n), 0)::int` })
    .from(
      sql`(select count(*) as n from ${assets} a join ${sessions} s on s.id = a.session_id
           where s.user_id = ${userId} and s.deleted_at is null and a.metadata ? 'replaces'
           group by a.session_id) t`,
    );
  return row?.n ?? 0;
}

/** Bytes of the files of the user's live assets in live sessions. */
export async function getStoredBytes({
  tx,
  userId,
}: {
  tx?: DbOrTx;
  userId: number;
}): Promise<number> {
  const [row] = await (tx ?? db())
    .select({ bytes: sql<string>`coalesce(sum(${assets.fileSizeBytes}), 0)::text` })
    .from(assets)
    .innerJoin(sessions, eq(sessions.id, assets.sessionId))
    .where(and(eq(sessions.userId, userId), isNull(sessions.deletedAt), isNull(assets.deletedAt)));
  return Number(row?.bytes ?? 0);
}
