// The cost ledger: one generation_costs row per provider call, success or failure. The
// schema's trigger keeps sessions.total_cost equal to the sum of the rows.
import { db, type Db } from "../db/client";
import { generationCosts } from "../db/schema";
import type { CallRecord } from "../providers/types";

export type CostCategory = (typeof generationCosts.$inferInsert)["category"];

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function recordCall(
  entry: {
    sessionId: string;
    assetId?: string;
    category: CostCategory;
    call: CallRecord;
    success: boolean;
    errorMessage?: string;
  },
  tx: Tx | Db = db(),
): Promise<void> {
  const { call } = entry;
  await tx.insert(generationCosts).values({
    sessionId: entry.sessionId,
    assetId: entry.assetId,
    category: entry.category,
    amount: call.amountUsd.toFixed(4),
    provider: call.provider,
    modelName: call.model,
    apiCallId: call.predictionId,
    tokensUsed: call.tokensUsed,
    secondsProcessed: call.secondsProcessed?.toFixed(2),
    apiLatencyMs: Math.round(call.latencyMs),
    success: entry.success,
    errorMessage: entry.errorMessage,
    metadata: { ...call.metadata, ...(call.modelVersion ? { modelVersion: call.modelVersion } : {}) },
  });
}
