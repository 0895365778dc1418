import { getCostBreakdown, listCostRows } from "../db/queries/costs";
import { requireOwnSession, type SessionRef } from "./load";

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/**
 * The cost page: the total (kept equal to the ledger's sum by the schema's trigger), the
 * seed's breakdown by category and provider, and every ledger row (one per provider call,
 * failures included) for per-asset costs.
 */
export async function getCosts(ref: SessionRef) {
  const s = await requireOwnSession(ref);
  const [breakdown, rows] = await Promise.all([
    getCostBreakdown({ sessionId: s.id }),
    listCostRows({ sessionId: s.id }),
  ]);
  return {
    total: Number(s.totalCost ?? 0),
    estimated: num(s.estimatedCost),
    budget: Number(s.budgetUsd),
    breakdown: breakdown.map((b) => ({
      category: b.category,
      provider: b.provider,
      apiCalls: b.apiCalls,
      totalCost: Number(b.totalCost),
      avgLatencyMs: b.avgLatencyMs === null ? null : Math.round(Number(b.avgLatencyMs)),
    })),
    items: rows.map((r) => ({
      id: r.id,
      assetId: r.assetId,
      category: r.category,
      amount: Number(r.amount),
      currency: r.currency,
      provider: r.provider,
      model: r.modelName,
      predictionId: r.apiCallId,
      tokensUsed: r.tokensUsed,
      secondsProcessed: num(r.secondsProcessed),
      latencyMs: r.apiLatencyMs,
      success: r.success,
      errorMessage: r.errorMessage,
      createdAt: r.createdAt,
    })),
  };
}
