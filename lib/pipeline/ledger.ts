// The cost ledger: one generation_costs row per provider call, success or failure. The
// schema's trigger keeps sessions.total_cost equal to the sum of the rows — provided no two
// inserts for one session overlap: its UPDATE sums the rows it can see when it starts, so one
// that had to wait for another transaction's lock on the session wrote a total without that
// transaction's row (seen: two clips finishing together, total short by one clip). So the
// session row is locked before the insert; the trigger then starts after the other commits.
import { eq } from "drizzle-orm";
import { db, type Db } from "../db/client";
import { generationCosts, sessions } from "../db/schema";
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
  if (tx === db()) return db().transaction((t) => recordCall(entry, t));
  await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, entry.sessionId)).for("update");
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
