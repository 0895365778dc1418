import { asc, desc, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { generationCosts } from "../schema";
import type { Tx } from "./tx";

export type NewCostRow = typeof generationCosts.$inferInsert;

/** One ledger row (the caller holds the session's row lock: lib/pipeline/ledger.ts says why). */
export async function insertCostRow({ tx, values }: { tx: Tx; values: NewCostRow }) {
  await tx.insert(generationCosts).values(values);
}

/**
 * Serialises, until the transaction ends, the writers of one prediction's cost row, and says
 * whether it already has one.
 */
export async function lockPredictionCost({
  tx,
  predictionId,
}: {
  tx: Tx;
  predictionId: string;
}): Promise<{ recorded: boolean }> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cost:${predictionId}`}))`);
  const [seen] = await tx
    .select({ id: generationCosts.id })
    .from(generationCosts)
    .where(eq(generationCosts.apiCallId, predictionId))
    .limit(1);
  return { recorded: seen !== undefined };
}

/** The seed's "cost breakdown for session" query: per category and provider, dearest first. */
export async function getCostBreakdown({ sessionId }: { sessionId: string }) {
  const totalCost = sql<string>`sum(${generationCosts.amount})`;
  return db()
    .select({
      category: generationCosts.category,
      provider: generationCosts.provider,
      apiCalls: sql<number>`count(*)::int`,
      totalCost,
      avgLatencyMs: sql<string | null>`avg(${generationCosts.apiLatencyMs})`,
    })
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, sessionId))
    .groupBy(generationCosts.category, generationCosts.provider)
    .orderBy(desc(totalCost), asc(generationCosts.category));
}

/** Every ledger row of a session, oldest first (one per provider call). */
export async function listCostRows({ sessionId }: { sessionId: string }) {
  return db()
    .select()
    .from(generationCosts)
    .where(eq(generationCosts.sessionId, sessionId))
    .orderBy(asc(generationCosts.createdAt), asc(generationCosts.id));
}
