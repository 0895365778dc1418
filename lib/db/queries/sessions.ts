import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { SessionMeta } from "../../pipeline/session-meta";
import { db } from "../client";
import { type Session, sessions } from "../schema";
import type { DbOrTx, Tx } from "./tx";

type Status = Session["status"];
type NewSession = Omit<typeof sessions.$inferInsert, "metadata"> & { metadata?: SessionMeta };
/** Columns to change; metadata only as a whole, checked SessionMeta (lib/pipeline/session-meta.ts). */
export type SessionChanges = Partial<NewSession>;

/** A user's own, not deleted session; undefined for anything else (answer 404). */
export async function getOwnSession({
  id,
  userId,
}: {
  id: string;
  userId: number;
}): Promise<Session | undefined> {
  const [row] = await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.deletedAt)));
  return row;
}

/** getOwnSession inside a transaction, holding the row lock until it commits. */
export async function lockOwnSession({
  tx,
  id,
  userId,
}: {
  tx: Tx;
  id: string;
  userId: number;
}): Promise<Session | undefined> {
  const [row] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.deletedAt)))
    .for("update");
  return row;
}

/** For jobs: the session whatever its owner; undefined when gone or soft-deleted. */
export async function getLiveSession({ id }: { id: string }): Promise<Session | undefined> {
  const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
  return row && !row.deletedAt ? row : undefined;
}

/**
 * For jobs: the session row locked until the transaction commits (deleted ones too: the
 * caller checks the status it needs, which a deletion has moved away from).
 */
export async function lockSessionById({
  tx,
  id,
}: {
  tx: Tx;
  id: string;
}): Promise<Session | undefined> {
  const [row] = await tx.select().from(sessions).where(eq(sessions.id, id)).for("update");
  return row;
}

/** Whether jobs of the session should go on: its status, and whether it was deleted. */
export async function getSessionLiveness({
  id,
}: {
  id: string;
}): Promise<{ status: Status; deleted: boolean } | undefined> {
  const [row] = await db()
    .select({ status: sessions.status, deletedAt: sessions.deletedAt })
    .from(sessions)
    .where(eq(sessions.id, id));
  return row ? { status: row.status, deleted: row.deletedAt !== null } : undefined;
}

/** A page of a user's live sessions (in a status), newest first, after a cursor. */
export type OwnSessionsQuery = {
  userId: number;
  status?: Status;
  limit: number;
  after?: { createdAt: Date; id: string };
};

export async function listOwnSessions(opts: OwnSessionsQuery): Promise<Session[]> {
  return db()
    .select()
    .from(sessions)
    .where(ownSessionsWhere(opts))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(opts.limit);
}

/** The condition of the own-session lists (listOwnSessions, listOwnSessionsWithCovers). */
export function ownSessionsWhere(opts: Omit<OwnSessionsQuery, "limit">): SQL | undefined {
  const where: SQL[] = [eq(sessions.userId, opts.userId), isNull(sessions.deletedAt)];
  if (opts.status) where.push(eq(sessions.status, opts.status));
  if (opts.after) {
    const { createdAt, id } = opts.after;
    where.push(
      or(
        lt(sessions.createdAt, createdAt),
        and(eq(sessions.createdAt, createdAt), lt(sessions.id, id)),
      )!,
    );
  }
  return and(...where);
}

/** Live sessions in any of these statuses (the worker's resume path). */
export async function listSessionsInStatus({
  statuses,
}: {
  statuses: Status[];
}): Promise<Session[]> {
  return db()
    .select()
    .from(sessions)
    .where(and(inArray(sessions.status, statuses), isNull(sessions.deletedAt)));
}

/**
 * Live sessions in these statuses that have not changed for `quietSeconds`, plus any of
 * `alsoIds` in them (the sweeper's candidates).
 */
export async function listQuietSessions({
  statuses,
  quietSeconds,
  alsoIds,
}: {
  statuses: Status[];
  quietSeconds: number;
  alsoIds: string[];
}): Promise<Pick<Session, "id" | "status" | "metadata">[]> {
  const quiet = sql`${sessions.updatedAt} < now() - make_interval(secs => ${quietSeconds})`;
  return db()
    .select({ id: sessions.id, status: sessions.status, metadata: sessions.metadata })
    .from(sessions)
    .where(
      and(
        inArray(sessions.status, statuses),
        isNull(sessions.deletedAt),
        alsoIds.length ? or(quiet, inArray(sessions.id, alsoIds)) : quiet,
      ),
    );
}

export async function insertSession({
  tx = db(),
  values,
}: {
  tx?: DbOrTx;
  values: NewSession;
}): Promise<Session> {
  const [row] = await tx.insert(sessions).values(values).returning();
  return row;
}

/** Changes columns of a session (not its status: that is moveSession's, lib/pipeline/status.ts). */
export async function updateSession({
  tx = db(),
  id,
  set,
}: {
  tx?: DbOrTx;
  id: string;
  set: SessionChanges;
}): Promise<Session | undefined> {
  const [row] = await tx.update(sessions).set(set).where(eq(sessions.id, id)).returning();
  return row;
}

/**
 * Sets `status` (and `set`) if the live session's status is one of `from`; returns the new
 * row, or undefined when it was not. Only lib/pipeline/status.ts calls this.
 */
export async function updateSessionStatus({
  tx = db(),
  id,
  from,
  status,
  set,
  countFailure,
  complete,
}: {
  tx?: DbOrTx;
  id: string;
  from: Status[];
  status: Status;
  set: SessionChanges;
  /** A failure: retry_count goes up by one. */
  countFailure?: boolean;
  /** Completed now: completed_at is stamped. */
  complete?: boolean;
}): Promise<Session | undefined> {
  const [row] = await tx
    .update(sessions)
    .set({
      ...set,
      status,
      ...(countFailure ? { retryCount: sql`coalesce(${sessions.retryCount}, 0) + 1` } : {}),
      ...(complete ? { completedAt: sql`now()` } : {}),
    })
    .where(and(eq(sessions.id, id), inArray(sessions.status, from), isNull(sessions.deletedAt)))
    .returning();
  return row;
}

/** Raises progress while the session is in `status` (never lowers it: jobs finish out of order). */
export async function raiseSessionProgress({
  id,
  status,
  progress,
}: {
  id: string;
  status: Status;
  progress: number;
}): Promise<void> {
  await db()
    .update(sessions)
    .set({
      progressPercentage: sql`greatest(coalesce(${sessions.progressPercentage}, 0), ${progress})`,
    })
    .where(and(eq(sessions.id, id), eq(sessions.status, status)));
}

/** Appends a regenerated image's or clip's id to the session's generated ids. */
export async function appendGeneratedAssetId({
  tx = db(),
  id,
  type,
  assetId,
}: {
  tx?: DbOrTx;
  id: string;
  type: "image" | "video_clip";
  assetId: string;
}): Promise<void> {
  await tx
    .update(sessions)
    .set(
      type === "image"
        ? { generatedImageIds: sql`array_append(${sessions.generatedImageIds}, ${assetId}::uuid)` }
        : { generatedClipIds: sql`array_append(${sessions.generatedClipIds}, ${assetId}::uuid)` },
    )
    .where(eq(sessions.id, id));
}

export async function softDeleteSession({ tx = db(), id }: { tx?: DbOrTx; id: string }) {
  await tx.update(sessions).set({ deletedAt: sql`now()` }).where(eq(sessions.id, id));
}

/** Locks the session row (the cost ledger's inserts for one session must not overlap). */
export async function lockSessionRow({ tx, id }: { tx: Tx; id: string }): Promise<void> {
  await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, id)).for("update");
}

/** Adds `{[key]: value}` under `field` of the session's metadata in one statement (no read). */
export async function mergeSessionMetadataEntry<F extends "pendingPredictions" | "pendingIntents">({
  id,
  field,
  key,
  value,
}: {
  id: string;
  field: F;
  key: string;
  value: NonNullable<NonNullable<SessionMeta[F]>[string]>;
}): Promise<void> {
  await db()
    .update(sessions)
    .set({
      metadata: sql`coalesce(${sessions.metadata}, '{}'::jsonb) || jsonb_build_object(${field}::text,
        coalesce(${sessions.metadata}->(${field}::text), '{}'::jsonb) || jsonb_build_object(${key}::text, ${JSON.stringify(value)}::jsonb))`,
    })
    .where(eq(sessions.id, id));
}
