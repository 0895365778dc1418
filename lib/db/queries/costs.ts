import { asc, desc, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { generationCosts } from "../schema";

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
