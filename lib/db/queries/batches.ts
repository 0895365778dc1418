// Batches (lib/batches/): a CSV upload's row, its sessions, and what the whole batch spent.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { db } from "../client";
import { type Asset, assets, type Batch, batches, type Session, sessions } from "../schema";
import type { DbOrTx } from "./tx";

export type NewBatch = typeof batches.$inferInsert;

export async function insertBatch({ tx, values }: { tx: DbOrTx; values: NewBatch }) {
  const [row] = await tx.insert(batches).values(values).returning();
  return row;
}

export async function getOwnBatch(o: { id: string; userId: number }): Promise<Batch | undefined> {
  const [row] = await db()
    .select()
    .from(batches)
    .where(and(eq(batches.id, o.id), eq(batches.userId, o.userId)));
  return row;
}

export async function getBatch({ id }: { id: string }): Promise<Batch | undefined> {
  const [row] = await db().select().from(batches).where(eq(batches.id, id));
  return row;
}

export function listOwnBatches({ userId, limit = 50 }: { userId: number; limit?: number }) {
  return db()
    .select()
    .from(batches)
    .where(eq(batches.userId, userId))
    .orderBy(desc(batches.createdAt))
    .limit(limit);
}

/** The batch's live sessions in CSV order (a deleted ad drops out of its batch). */
export function listBatchSessions({ batchId }: { batchId: string }): Promise<Session[]> {
  return db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.batchId, batchId), isNull(sessions.deletedAt)))
    .orderBy(asc(sessions.batchRow));
}

/** Per batch: how many of its ads are in each status (the list page's progress). */
export async function countBatchStatuses({ batchIds }: { batchIds: string[] }) {
  if (batchIds.length === 0) return [];
  return db()
    .select({ batchId: sessions.batchId, status: sessions.status, n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(inArray(sessions.batchId, batchIds), isNull(sessions.deletedAt)))
    .groupBy(sessions.batchId, sessions.status);
}

/**
 * What the batch has spent (its ads' ledger totals) and what its running stages are
 * estimated at on top (a stage's estimate stays on the session while it runs).
 */
export async function batchSpending({ batchId }: { batchId: string }) {
  const [row] = await db()
    .select({
      charged: sql<string>`coalesce(sum(${sessions.totalCost}), 0)`,
      running: sql<string>`coalesce(sum(${sessions.estimatedCost}) filter (where ${sessions.status} in ('prompting','generating_images','generating_videos','composing')), 0)`,
    })
    .from(sessions)
    .where(eq(sessions.batchId, batchId));
  return { charged: Number(row?.charged ?? 0), running: Number(row?.running ?? 0) };
}

/** Marks the batch finished (once); true when this call did it. */
export async function finishBatch({ id }: { id: string }): Promise<boolean> {
  const rows = await db()
    .update(batches)
    .set({ status: "finished", finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(batches.id, id), eq(batches.status, "running")))
    .returning({ id: batches.id });
  return rows.length > 0;
}

export async function touchBatch({ id }: { id: string }): Promise<void> {
  await db().update(batches).set({ updatedAt: sql`now()` }).where(eq(batches.id, id));
}

/** Running batches nothing has advanced for `quietSeconds` (the sweep's backstop). */
export function listQuietRunningBatches({ quietSeconds }: { quietSeconds: number }) {
  return db()
    .select({ id: batches.id })
    .from(batches)
    .where(
      and(
        eq(batches.status, "running"),
        lt(batches.updatedAt, sql`now() - make_interval(secs => ${quietSeconds})`),
      ),
    );
}

/** The final video each finished ad of the batch points at, with its row and product name. */
export async function listBatchFinalVideos({ batchId }: { batchId: string }) {
  return db()
    .select({
      row: sessions.batchRow,
      productName: sessions.productName,
      sessionId: sessions.id,
      asset: assets,
    })
    .from(sessions)
    .innerJoin(assets, eq(assets.id, sessions.finalVideoId))
    .where(
      and(
        eq(sessions.batchId, batchId),
        eq(sessions.status, "completed"),
        isNull(sessions.deletedAt),
        isNull(assets.deletedAt),
        eq(assets.status, "completed"),
      ),
    )
    .orderBy(asc(sessions.batchRow)) as Promise<
    { row: number | null; productName: string | null; sessionId: string; asset: Asset }[]
  >;
}
